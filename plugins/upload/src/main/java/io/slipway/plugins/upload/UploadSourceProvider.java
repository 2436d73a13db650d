package io.slipway.plugins.upload;

import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.source.ArchiveReceiver;
import io.slipway.plugin.api.source.ArchiveUpload;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.source.StoredArchive;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source from uploaded archives. An upload is checked by unpacking it once into a staging folder
 * of its own (deleted afterwards), then stored by its SHA-256; a deployment of that revision
 * unpacks the stored archive again, so redeploy and rollback need no second upload. A deployment
 * without a revision takes the app's newest upload.
 */
@Extension
public final class UploadSourceProvider implements SourceProvider, ArchiveReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSourceProvider.class);

    private final ArchiveStore store;
    private final Path staging;

    public UploadSourceProvider(PluginContext context) {
        this(context.dataDir());
    }

    UploadSourceProvider(Path dataDir) {
        this.store = new ArchiveStore(dataDir.resolve("archives"));
        this.staging = dataDir.resolve("staging");
        // Checks interrupted by a stop left their folders: nothing in them is needed.
        ArchiveUnpacker.empty(staging);
    }

    @Override
    public String id() {
        return "upload";
    }

    @Override
    public String displayName() {
        return "Uploaded archive";
    }

    @Override
    public ConfigSchema configSchema() {
        return ExtractionLimits.SCHEMA;
    }

    @Override
    public List<FieldError> validate(Config config) {
        ExtractionLimits limits = ExtractionLimits.from(config);
        List<FieldError> errors = new ArrayList<>();
        if (limits.maxEntries() < 1) {
            errors.add(new FieldError("maxEntries", "must be at least 1"));
        }
        if (limits.maxUnpackedBytes() < 1) {
            errors.add(new FieldError("maxUnpackedMb", "must be at least 1"));
        }
        if (limits.maxRatio() < 2) {
            errors.add(new FieldError("maxRatio", "must be at least 2"));
        }
        return errors;
    }

    @Override
    public StoredArchive receive(ArchiveUpload upload) {
        ArchiveFormat format = ArchiveFormat.detect(upload.file());
        Path check = staging.resolve(UUID.randomUUID().toString());
        ArchiveSurvey survey;
        try {
            survey = new ArchiveUnpacker(ExtractionLimits.from(upload.config())).unpack(upload.file(), format, check);
        } finally {
            ArchiveUnpacker.empty(check);
            deleteQuietly(check);
        }
        String revision = ArchiveStore.sha256(upload.file());
        store.put(upload.appName(), revision, format, upload.file());
        LOG.info("Stored a {} archive of {} entries for app {} as {}", format.extension(), survey.entries(),
                upload.appName(), revision);
        return new StoredArchive(revision, size(upload.file()), format.extension(), survey.entries());
    }

    @Override
    public void prune(String appName, Set<String> keep) {
        int deleted = store.prune(appName, keep);
        if (deleted > 0) {
            LOG.info("Deleted {} archive(s) of app {} no retained deployment uses", deleted, appName);
        }
    }

    @Override
    public SourceRevision fetch(SourceRequest request, StepContext step) {
        String app = step.appName();
        ArchiveStore.Stored stored = request.ref().filter(r -> !r.isBlank())
                .map(ref -> store.find(app, ref).orElseThrow(() -> new StepFailedException("The archive " + ref
                        + " of app '" + app + "' is not stored (any more): upload it again.")))
                .orElseGet(() -> store.latest(app).orElseThrow(() -> new StepFailedException("App '" + app
                        + "' has no uploaded archive yet: upload one on the app page or POST it to /api/v1/apps/"
                        + app + "/uploads.")));
        step.cancellation().throwIfCancelled();
        long size = size(stored.file());
        step.log().line("Unpacking the uploaded " + stored.format().extension() + " archive " + stored.revision()
                + " (" + size + " bytes)");
        ArchiveSurvey survey = new ArchiveUnpacker(ExtractionLimits.from(request.config()))
                .unpack(stored.file(), stored.format(), request.targetDir());
        step.log().line("Unpacked " + survey.files() + " file(s), " + survey.unpackedBytes() + " bytes"
                + (survey.stripPrefix().isEmpty() ? "" : " (top folder " + survey.stripPrefix() + " stripped)"));
        return new SourceRevision(stored.revision(), "Uploaded " + stored.format().extension() + " archive, "
                + size + " bytes", "", "upload");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete the staging folder {}: {}", dir, e.getMessage());
        }
    }
}
