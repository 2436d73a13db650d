package io.slipway.plugin.api.source;

import io.slipway.plugin.api.config.Config;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An archive a user uploaded for an app, as the core hands it to an {@link ArchiveReceiver}.
 *
 * <pre>{@code
 * new ArchiveUpload("web", config, tempFile, "site.tar.gz");
 * }</pre>
 *
 * @param appName the app it is for
 * @param config the app's validated source settings
 * @param file the uploaded bytes, in a temporary file the core deletes afterwards
 * @param fileName the name the uploader gave it (only a hint: the content decides the format)
 */
public record ArchiveUpload(String appName, Config config, Path file, String fileName) {
    public ArchiveUpload {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fileName, "fileName");
    }
}
