package io.slipway.core.secrets;

import io.slipway.core.audit.AuditEvent;
import io.slipway.core.audit.AuditLog;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.config.SlipwayConfigLoader;
import io.slipway.core.persistence.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * {@code java -jar slipway.war rotate-key} (and {@code bin/slipway rotate-key}): re-encrypts every
 * stored secret under a new key in one transaction. With the key file, the new key is written to
 * {@code secret.key.new} first (so it exists before any value needs it), then the old file becomes
 * {@code secret.key.old} and the new one {@code secret.key}. With {@code SLIPWAY_SECRET_KEY}, the
 * new key is printed once, to be put in its place. Run it while Slipway is stopped.
 */
public final class RotateKeyCommand {
    static final String NEW_SUFFIX = ".new";
    static final String OLD_SUFFIX = ".old";

    private RotateKeyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(SlipwayConfigLoader.fromEnvironment(), System.out, System.err));
    }

    /** @return the process exit code: 0 rotated, 1 failed (nothing changed) */
    public static int run(SlipwayConfig config, PrintStream out, PrintStream err) {
        boolean fromEnv = config.secretKey().isPresent();
        Path keyFile = config.secretKeyFile();
        Path next = keyFile.resolveSibling(keyFile.getFileName() + NEW_SUFFIX);
        if (!fromEnv && !Files.exists(keyFile)) {
            err.println("rotate-key: there is no key to rotate: " + keyFile + " does not exist (Slipway creates it on its first start).");
            return 1;
        }
        if (Files.exists(next)) {
            err.println("rotate-key: " + next + " exists: an earlier rotation did not finish. If it reported success, "
                    + "move it to " + keyFile + "; otherwise delete it. Then run rotate-key again.");
            return 1;
        }
        SecretCipher old;
        try {
            old = SecretCipher.fromConfig(config);
        } catch (RuntimeException e) {
            err.println("rotate-key: " + e.getMessage());
            return 1;
        }
        SecretKey key = KeyFiles.generate();
        SecretCipher fresh = new SecretCipher(key);
        KeyRotation.Result result;
        try (Database db = open(config)) {
            if (!fromEnv) {
                KeyFiles.write(next, key);
            }
            result = KeyRotation.reencrypt(db.jdbi(), old, fresh);
            new AuditLog(db.jdbi(), Clock.systemUTC()).record(new AuditEvent("system", "secret-key.rotate", "", "",
                    "success", Map.of("values", Integer.toString(result.values()))));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(next);
            err.println("rotate-key: nothing was changed: " + e.getMessage());
            return 1;
        }
        try {
            if (!fromEnv) {
                KeyFiles.move(keyFile, keyFile.resolveSibling(keyFile.getFileName() + OLD_SUFFIX));
                KeyFiles.move(next, keyFile);
            }
        } catch (IOException e) {
            err.println("rotate-key: the secrets are re-encrypted under the key in " + next + ", but it could not be "
                    + "moved to " + keyFile + " (" + e.getMessage() + "): move it there by hand before starting Slipway.");
            return 1;
        }
        out.println("rotate-key: re-encrypted " + result.values() + " secret value(s) " + result.columns());
        if (result.unreadable() > 0) {
            out.println("rotate-key: " + result.unreadable() + " value(s) looked encrypted but the old key does not open "
                    + "them; they were left as they were.");
        }
        if (fromEnv) {
            out.println("rotate-key: set SLIPWAY_SECRET_KEY to this new key before starting Slipway (shown once):");
            out.println(KeyFiles.encode(key));
        } else {
            out.println("rotate-key: new key in " + keyFile + "; the previous one is kept as " + keyFile.getFileName()
                    + OLD_SUFFIX + " (delete it once backups no longer need it).");
        }
        return 0;
    }

    private static Database open(SlipwayConfig config) {
        try {
            return Database.open(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the database (" + e.getMessage() + "); stop Slipway first", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the message above already says nothing changed; a stray .new file is reported on the next run
        }
    }
}
