package io.slipway.core.plugins;

import io.slipway.core.SlipwayException;

/** An extension failed while the API asked it something (validating a config); answered 502. */
public class ExtensionFailedException extends SlipwayException {
    public ExtensionFailedException(String message, Throwable cause) {
        super(502, "extension_failed", message, cause);
    }
}
