package io.slipway.core.pipeline;

import io.slipway.core.NotFoundException;
import io.slipway.core.pipeline.internal.DeploymentLogFiles;
import io.slipway.core.pipeline.internal.DeploymentStore;
import io.slipway.core.pipeline.internal.LiveLogHub;
import io.slipway.core.pipeline.internal.LogFollower;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reading deployment logs, whole or by line range, and watching them grow. */
public final class DeploymentLogs {
    private final DeploymentLogFiles files;
    private final DeploymentStore store;
    private final LiveLogHub hub;

    private final ExecutorService readers;
    private final ScheduledExecutorService pings;

    public DeploymentLogs(DeploymentLogFiles files, DeploymentStore store, LiveLogHub hub, ExecutorService readers,
                          ScheduledExecutorService pings) {
        this.files = Objects.requireNonNull(files, "files");
        this.store = Objects.requireNonNull(store, "store");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.pings = Objects.requireNonNull(pings, "pings");
    }

    /**
     * Delivers lines from {@code fromLine} on, then every line written later, until the
     * deployment ends or the listener says stop. Returns at once.
     *
     * @throws NotFoundException when there is no such deployment
     */
    public LogFollower follow(long deploymentId, long fromLine, LogListener listener, Duration keepAlive) {
        store.find(deploymentId).orElseThrow(() -> new NotFoundException("Deployment", String.valueOf(deploymentId)));
        LogFollower follower = new LogFollower(files.path(deploymentId), Math.max(0, fromLine), listener,
                () -> isComplete(deploymentId), readers);
        AutoCloseable watch = hub.watch(deploymentId, follower);
        ScheduledFuture<?> ping = pings.scheduleWithFixedDelay(follower::ping, keepAlive.toMillis(),
                keepAlive.toMillis(), TimeUnit.MILLISECONDS);
        follower.onStop(() -> {
            ping.cancel(false);
            try {
                watch.close();
            } catch (Exception ignored) {
                // removing a watcher cannot fail
            }
        });
        follower.run();
        return follower;
    }

    /**
     * Lines {@code offset} to {@code offset + limit - 1}.
     *
     * @throws NotFoundException when there is no such deployment
     * @throws LogRangeException when {@code offset} is past the end
     */
    public LogPage read(long deploymentId, long offset, int limit) {
        Deployment d = store.find(deploymentId).orElseThrow(() -> new NotFoundException("Deployment",
                String.valueOf(deploymentId)));
        List<String> lines = new ArrayList<>();
        long total = 0;
        try (BufferedReader in = Files.newBufferedReader(files.path(deploymentId), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (total >= offset && lines.size() < limit) {
                    lines.add(line);
                }
                total++;
            }
        } catch (NoSuchFileException e) {
            total = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the log of deployment " + deploymentId, e);
        }
        if (offset > total) {
            throw new LogRangeException(deploymentId, offset, total);
        }
        return new LogPage(offset, lines, total, d.isFinal());
    }

    public Path path(long deploymentId) {
        return files.path(deploymentId);
    }

    /** Whether the deployment has ended (a stream of its log can end). */
    public boolean isComplete(long deploymentId) {
        return store.find(deploymentId).map(Deployment::isFinal).orElse(true);
    }
}
