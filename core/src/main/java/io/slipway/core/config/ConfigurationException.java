package io.slipway.core.config;

import io.slipway.core.SlipwayException;

/** A setting is wrong; Slipway refuses to start and says which one. */
public class ConfigurationException extends SlipwayException {
    public ConfigurationException(String message) {
        super(500, "configuration", message);
    }
}
