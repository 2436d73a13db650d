package io.slipway.core.uploads;

import io.slipway.core.SlipwayException;

/** The app's source takes no uploads (a git repository, say): 409. */
public final class NoUploadSourceException extends SlipwayException {
    public NoUploadSourceException(String app, String source) {
        super(409, "source_takes_no_uploads", "App '" + app + "' gets its source from '" + source + "', which takes "
                + "no uploads: set the app's source to {\"type\": \"upload\"} (PATCH /api/v1/apps/" + app + ") first.");
    }
}
