package io.slipway.core.plugins.internal;

import io.slipway.core.plugins.PluginInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-256 of plugin JARs nobody hashed at install (the bundled ones: hashing them at start
 * would slow every start), computed when a listing first shows them and kept while the file's
 * size and modification time stay the same.
 */
public final class JarDigests {
    private static final Logger LOG = LoggerFactory.getLogger(JarDigests.class);

    private final Map<String, String> known = new ConcurrentHashMap<>();

    /** {@code plugin}'s info, with the JAR's sha256 filled in when it was missing. */
    public PluginInfo complete(InstalledPlugin plugin) {
        PluginInfo info = plugin.info();
        if (info.sha256().isPresent()) {
            return info;
        }
        return digest(plugin.jar().path()).map(sha -> new PluginInfo(info.id(), info.version(), info.description(),
                info.provider(), info.status(), info.origin(), info.dependencies(), info.requires(), Optional.of(sha),
                info.error(), info.extensions())).orElse(info);
    }

    Optional<String> digest(Path jar) {
        try {
            String identity = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
            String sha = known.get(identity);
            if (sha == null) {
                sha = sha256(jar);
                known.put(identity, sha);
            }
            return Optional.of(sha);
        } catch (IOException e) {
            LOG.warn("Cannot hash the plugin JAR {}: {}", jar, e.toString());
            return Optional.empty();
        }
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
