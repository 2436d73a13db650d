package io.slipway.core;

/** A named thing does not exist (404). */
public class NotFoundException extends SlipwayException {
    public NotFoundException(String what, String name) {
        super(404, "not_found", what + " '" + name + "' does not exist.");
    }
}
