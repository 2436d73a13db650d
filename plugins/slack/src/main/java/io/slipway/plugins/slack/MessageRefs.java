package io.slipway.plugins.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Remembers which Slack message shows which deployment (channel and ts), one small file per
 * deployment and target under the plugin's data folder, so every later event updates that message.
 * The file name is a hash of token, channel and deployment: two targets never share a message and
 * nothing secret lands on disk. Files older than {@link #KEEP} are removed now and then: a
 * deployment that old gets no more events.
 */
final class MessageRefs {
    static final java.time.Duration KEEP = java.time.Duration.ofDays(30);
    private static final long PRUNE_EVERY_MILLIS = 3_600_000;

    private final Path dir;
    private final Object[] locks = new Object[64];
    private final java.util.concurrent.atomic.AtomicLong lastPrune = new java.util.concurrent.atomic.AtomicLong();

    MessageRefs(Path dataDir) {
        this.dir = dataDir.resolve("messages");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    String key(SlackSettings s, String deploymentId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String material = s.token().orElse("") + "\n" + s.channel().orElse("") + "\n" + deploymentId;
            return HexFormat.of().formatHex(sha.digest(material.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Events of one deployment for one target are handled one at a time. */
    Object lock(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    Optional<SlackApi.MessageRef> find(String key) {
        Path file = dir.resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ", 2);
            return parts.length == 2 ? Optional.of(new SlackApi.MessageRef(parts[0], parts[1])) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": check the permissions of SLIPWAY_HOME", e);
        }
    }

    void save(String key, SlackApi.MessageRef ref) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(tmp, ref.channel() + " " + ref.ts(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write under " + dir + ": check the permissions of SLIPWAY_HOME", e);
        }
        long now = System.currentTimeMillis();
        long last = lastPrune.get();
        if (now - last > PRUNE_EVERY_MILLIS && lastPrune.compareAndSet(last, now)) {
            prune(now - KEEP.toMillis());
        }
    }

    private void prune(long olderThanMillis) {
        try (var files = Files.list(dir)) {
            files.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis() < olderThanMillis;
                } catch (IOException e) {
                    return false;
                }
            }).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // another notifier thread removed or holds it; the next prune retries
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // pruning is housekeeping: a failure never stops a notification
        }
    }
}
