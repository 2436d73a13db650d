package io.slipway.core.uploads;

import io.slipway.core.SlipwayException;

/** An upload the app's source extension refused (not an archive, empty, unsafe): 400 with its reason. */
public final class UploadRejectedException extends SlipwayException {
    public UploadRejectedException(String message) {
        super(400, "invalid_archive", message);
    }
}
