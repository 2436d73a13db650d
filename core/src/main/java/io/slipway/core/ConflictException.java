package io.slipway.core;

/** The request clashes with the current state: a duplicate name, a finished deployment (409). */
public class ConflictException extends SlipwayException {
    public ConflictException(String message) {
        super(409, "conflict", message);
    }
}
