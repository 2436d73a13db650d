package io.slipway.plugin.api.source;

import io.slipway.plugin.api.SlipwayPluginException;

/**
 * An uploaded archive that will not be stored; the uploader gets 400 with the message, so it names
 * the problem and what to do.
 *
 * <pre>{@code
 * throw new ArchiveRejectedException("The archive holds more than 10000 entries: remove node_modules and upload again.");
 * }</pre>
 */
public class ArchiveRejectedException extends SlipwayPluginException {
    public ArchiveRejectedException(String message) {
        super(message);
    }

    public ArchiveRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
