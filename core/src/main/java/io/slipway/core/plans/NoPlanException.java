package io.slipway.core.plans;

import io.slipway.core.SlipwayException;

/** No plan can be made now: the builder makes none, or there is no source to plan yet (409). */
public final class NoPlanException extends SlipwayException {
    public NoPlanException(String message) {
        super(409, "no_plan", message);
    }
}
