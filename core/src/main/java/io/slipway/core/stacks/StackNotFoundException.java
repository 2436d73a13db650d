package io.slipway.core.stacks;

import io.slipway.core.NotFoundException;

/** No stack with that id (404). */
public final class StackNotFoundException extends NotFoundException {
    public StackNotFoundException(String id) {
        super("Stack", id);
    }
}
