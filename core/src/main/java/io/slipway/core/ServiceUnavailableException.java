package io.slipway.core;

/** Slipway is still starting, or shutting down (503). */
public class ServiceUnavailableException extends SlipwayException {
    public ServiceUnavailableException(String message) {
        super(503, "unavailable", message);
    }
}
