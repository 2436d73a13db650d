package io.slipway.core.pipeline.internal;

import io.slipway.plugin.api.notify.DeploymentPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Objects;

/**
 * The append-only log file of each deployment, {@code SLIPWAY_HOME/logs/deployments/<id>.log}.
 * Every line is one {@code write} to a file opened for appending, so lines from several writers
 * never interleave and nothing already written is rewritten. Format:
 * {@code 2026-11-23T10:15:30.123Z [BUILDING] text}.
 */
public final class DeploymentLogFiles {
    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\r?\\n");
    private final Path dir;
    private final Clock clock;
    private final LiveLogHub hub;

    public DeploymentLogFiles(Path logsDir, Clock clock, LiveLogHub hub) {
        this.dir = Objects.requireNonNull(logsDir, "logsDir").resolve("deployments");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    public Path path(long deploymentId) {
        return dir.resolve(deploymentId + ".log");
    }

    /** A writer for one run of a deployment; keep it open while the run lasts. */
    public Writer open(long deploymentId, SecretMasker masker) {
        try {
            return new Writer(deploymentId, channel(deploymentId), masker);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the log of deployment " + deploymentId + " in " + dir
                    + ": check SLIPWAY_HOME's permissions and free space", e);
        }
    }

    /**
     * The folder is made only when a log cannot be opened without it: createDirectories costs a
     * thrown exception when the folder exists, and every queued deployment opens its log.
     */
    private FileChannel channel(long deploymentId) throws IOException {
        try {
            return FileChannel.open(path(deploymentId), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(dir);
            return FileChannel.open(path(deploymentId), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
    }

    /** Appends one line outside a run (a cancel request, a supersede). */
    public void append(long deploymentId, DeploymentPhase phase, String text) {
        try (Writer w = open(deploymentId, SecretMasker.none())) {
            w.line(phase, text);
        }
    }

    /** Appends masked, timestamped lines tagged with their phase. */
    public final class Writer implements AutoCloseable {
        private final long deploymentId;
        private final FileChannel channel;
        private final SecretMasker masker;

        private Writer(long deploymentId, FileChannel channel, SecretMasker masker) {
            this.deploymentId = deploymentId;
            this.channel = channel;
            this.masker = masker;
        }

        /** Splits {@code text} at line breaks; each part becomes one line. */
        public void line(DeploymentPhase phase, String text) {
            String prefix = clock.instant() + " [" + phase.name() + "] ";
            StringBuilder sb = new StringBuilder();
            for (String part : LINE_BREAK.split(String.valueOf(text), -1)) {
                // Codes out before masking: a colour change inside a secret would hide it from the mask.
                sb.append(prefix).append(masker.mask(TerminalCodes.strip(part.replace("\r", "")))).append('\n');
            }
            if (text != null && text.endsWith("\n")) {
                sb.setLength(sb.length() - prefix.length() - 1);
            }
            ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            synchronized (this) {
                try {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write the log of deployment " + deploymentId, e);
                }
            }
            hub.changed(deploymentId);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
