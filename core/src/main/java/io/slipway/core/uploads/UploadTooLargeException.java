package io.slipway.core.uploads;

import io.slipway.core.SlipwayException;
import java.util.Map;

/** An archive past SLIPWAY_MAX_UPLOAD_BYTES: 413, nothing of it kept. */
public final class UploadTooLargeException extends SlipwayException {
    private final long maxBytes;

    public UploadTooLargeException(long maxBytes) {
        super(413, "payload_too_large", "The archive is larger than the " + maxBytes + " bytes this server accepts "
                + "(SLIPWAY_MAX_UPLOAD_BYTES): leave out dependencies and build output, or raise the limit.");
        this.maxBytes = maxBytes;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("maxBytes", maxBytes);
    }
}
