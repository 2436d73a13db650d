package io.slipway.plugins.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.List;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Builds the ssh client for one fetch: only the configured key, never the server user's
 * {@code ~/.ssh}; host keys checked against the configured known hosts, or trusted on first
 * contact and remembered in the plugin's data folder.
 *
 * <pre>{@code
 * try (SshdSessionFactory ssh = sshSessions.factory(settings)) { ... }
 * }</pre>
 */
final class SshSessions {
    private final Path sshDir;

    SshSessions(Path pluginDataDir) {
        this.sshDir = pluginDataDir.resolve("ssh");
    }

    SshdSessionFactory factory(GitSourceSettings settings, String mirrorKey) {
        List<KeyPair> keys = settings.privateKey().map(k -> SshKeys.load(k, settings.passphrase())).orElse(List.of());
        try {
            Files.createDirectories(sshDir);
            Path knownHosts;
            String strict;
            if (settings.knownHosts().isPresent()) {
                knownHosts = sshDir.resolve("known_hosts-" + mirrorKey);
                writeIfChanged(knownHosts, settings.knownHosts().get().strip() + "\n");
                strict = "yes";
            } else {
                knownHosts = sshDir.resolve("known_hosts");
                strict = "accept-new";
                // JGit records a new host key only in a file that exists (it would ask before creating one).
                if (!Files.exists(knownHosts)) {
                    Files.writeString(knownHosts, "", StandardCharsets.UTF_8);
                }
            }
            Path config = sshDir.resolve("config-" + strict);
            writeIfChanged(config, "Host *\n  StrictHostKeyChecking " + strict + "\n  BatchMode yes\n");
            return new SshdSessionFactoryBuilder()
                    .setHomeDirectory(sshDir.toFile())
                    .setSshDirectory(sshDir.toFile())
                    .setConfigFile(home -> config.toFile())
                    .setDefaultKnownHostsFiles(dir -> List.of(knownHosts))
                    .setDefaultIdentities(dir -> List.of())
                    .setDefaultKeysProvider(dir -> keys)
                    .setPreferredAuthentications("publickey")
                    .build(null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the ssh folder " + sshDir, e);
        }
    }

    /** Replaces a file atomically, so a fetch running meanwhile never reads it half-written. */
    private static void writeIfChanged(Path file, String content) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            return;
        }
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
