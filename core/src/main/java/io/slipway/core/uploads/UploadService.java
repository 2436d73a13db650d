package io.slipway.core.uploads;

import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.DeploymentService;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.source.ArchiveReceiver;
import io.slipway.plugin.api.source.ArchiveRejectedException;
import io.slipway.plugin.api.source.ArchiveUpload;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.StoredArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives source archives: streams the body to a temporary file under SLIPWAY_HOME (stopping at
 * the size limit), hands it to the app's source extension ({@link ArchiveReceiver}) to check and
 * store by content, indexes it, prunes archives no retained deployment refers to, and queues a
 * deployment of it. The temporary file is deleted whatever happens.
 *
 * <p>Retention: an app keeps the archives named by its newest {@value #RETAINED_DEPLOYMENTS}
 * deployments, by any unfinished one, and its newest upload; the others are deleted (file and
 * index row) after each upload; all of them when the app is deleted.
 */
public final class UploadService {
    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
    static final int RETAINED_DEPLOYMENTS = 10;

    private final UploadStore store;
    private final PipelineApps apps;
    private final DeploymentService deployments;
    private final ExtensionInvoker calls;
    private final Path incoming;
    private final long maxBytes;
    private final Clock clock;

    UploadService(UploadStore store, PipelineApps apps, DeploymentService deployments, ExtensionInvoker calls,
                  Path incoming, long maxBytes, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.incoming = Objects.requireNonNull(incoming, "incoming");
        this.maxBytes = maxBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What an upload produced: the stored archive and, unless told not to, the deployment queued. */
    public record Received(Upload upload, Optional<Deployment> deployment) {
    }

    /**
     * @throws NotFoundException when there is no such app
     * @throws NoUploadSourceException when the app's source takes no uploads
     * @throws UploadTooLargeException past SLIPWAY_MAX_UPLOAD_BYTES
     * @throws UploadRejectedException when the source extension refuses the archive
     */
    public Received receive(String appName, InputStream body, String fileName, boolean deploy, String by) {
        PipelineApp app = apps.find(appName).orElseThrow(() -> new NotFoundException("App", appName));
        ChosenExtension source = receiverOf(app);
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        if (name.length() > 255 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw InvalidInputException.field("file", "the file name must be at most 255 characters without control characters");
        }
        Path temp = spool(body);
        StoredArchive stored;
        try {
            stored = calls.call(source.registered(), SourceProvider.class, s -> ((ArchiveReceiver) s)
                    .receive(new ArchiveUpload(app.name(), source.config(), temp, name)));
        } catch (StepFailedException e) {
            throw rejection(e);
        } finally {
            deleteQuietly(temp);
        }
        Upload upload = new Upload(app.name(), stored.revision(), stored.sizeBytes(), stored.format(), stored.entries(),
                name, by, io.slipway.core.projects.SqlTimes.now(clock));
        store.record(app.id(), upload);
        Optional<Deployment> queued = deploy
                ? Optional.of(deployments.queue(app.name(), Optional.of(stored.revision()), Optional.empty(), by))
                : Optional.empty();
        prune(app, source, stored.revision());
        return new Received(upload, queued);
    }

    /**
     * Deletes the stored archives of an app about to be deleted (its index rows go with the app).
     * Failures are logged: they must not keep the app from being deleted.
     */
    public void forgetApp(String appName) {
        apps.find(appName).ifPresent(app -> app.extension(ExtensionPointId.SOURCE)
                .filter(s -> s.registered().extension() instanceof ArchiveReceiver).ifPresent(source -> {
                    try {
                        calls.call(source.registered(), SourceProvider.class, s -> {
                            ((ArchiveReceiver) s).prune(app.name(), Set.of());
                            return null;
                        });
                    } catch (RuntimeException e) {
                        LOG.warn("Could not delete the archives of deleted app {}: {}", appName, e.getMessage());
                    }
                }));
    }

    /** The app's uploads, newest first. */
    public List<Upload> list(String appName, int limit) {
        PipelineApp app = apps.find(appName).orElseThrow(() -> new NotFoundException("App", appName));
        return store.list(app.id(), limit);
    }

    /** The app's newest upload, if its source takes uploads and it has one. */
    public Optional<Upload> latest(String appName) {
        return apps.find(appName).flatMap(a -> store.list(a.id(), 1).stream().findFirst());
    }

    /** The upload a deployment's revision names, for the deployment page. */
    public Optional<Upload> find(String appName, String revision) {
        return apps.find(appName).flatMap(a -> store.find(a.id(), revision));
    }

    private static ChosenExtension receiverOf(PipelineApp app) {
        ChosenExtension source = app.extension(ExtensionPointId.SOURCE).orElseThrow(() -> new NoUploadSourceException(
                app.name(), app.problem(ExtensionPointId.SOURCE).orElse("none")));
        if (!(source.registered().extension() instanceof ArchiveReceiver)) {
            throw new NoUploadSourceException(app.name(), source.id());
        }
        return source;
    }

    private Path spool(InputStream body) {
        if (body == null) {
            throw InvalidInputException.field("file", "is required: send the archive as the multipart form field 'file'");
        }
        Path temp;
        try {
            Files.createDirectories(incoming);
            temp = incoming.resolve(UUID.randomUUID() + ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + incoming, e);
        }
        try (InputStream in = body; OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new UploadTooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Reading the upload failed", io);
            }
            throw (RuntimeException) e;
        }
    }

    private static RuntimeException rejection(StepFailedException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArchiveRejectedException rejected) {
                return new UploadRejectedException(rejected.getMessage());
            }
        }
        return e;
    }

    private void prune(PipelineApp app, ChosenExtension source, String newest) {
        Set<String> keep = new HashSet<>(store.revisionsInUse(app.id(), RETAINED_DEPLOYMENTS));
        keep.add(newest);
        keep.remove("null");
        try {
            calls.call(source.registered(), SourceProvider.class, s -> {
                ((ArchiveReceiver) s).prune(app.name(), Set.copyOf(keep));
                return null;
            });
            store.deleteAllBut(app.id(), keep);
        } catch (RuntimeException e) {
            LOG.warn("Pruning the old archives of app {} failed (the upload itself is stored): {}", app.name(),
                    e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the temporary upload {}: {}", file, e.getMessage());
        }
    }
}
