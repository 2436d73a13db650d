package io.slipway.core.pipeline;

import io.slipway.core.SlipwayException;

/** A rollback that cannot be done: another app's deployment, one never live, a gone artifact (409). */
public final class RollbackRefusedException extends SlipwayException {
    public RollbackRefusedException(String message) {
        super(409, "rollback_refused", message);
    }
}
