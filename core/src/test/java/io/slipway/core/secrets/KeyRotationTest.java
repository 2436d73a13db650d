package io.slipway.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * {@code rotate-key} on a stopped server's home: every kind of stored secret (a secret env var, an
 * app's secret config field, a notification target's secret, a plugin's own secret) is readable
 * under the new key after a restart, and the old key opens none of them.
 */
class KeyRotationTest {
    private static final long MAX_BODY = 10L * 1024 * 1024;
    private static final Pattern SEALED = Pattern.compile("v1:[A-Za-z0-9+/=]+");
    private static final Map<String, String> PLAIN = Map.of(
            "env", "env-secret-value-1", "config", "config-token-value-2",
            "target", "webhook-secret-value-3", "plugin", "plugin-secret-value-4");

    @Test
    void reencryptsEverySecretUnderANewKeyAndKeepsTheOldKeyAside() throws Exception {
        TestServer first = TestServer.start();
        Path home = first.home();
        Map<String, String> before;
        try {
            store(first);
            before = sealed(first.core().service(Jdbi.class));
            for (String kind : PLAIN.keySet()) {
                assertEquals(PLAIN.get(kind), first.core().service(SecretCipher.class).decrypt(before.get(kind)), kind);
            }
        } finally {
            first.stop();
        }
        String oldKey = Files.readString(home.resolve("secret.key"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RotateKeyCommand.run(TestServer.config(home, MAX_BODY), print(out), print(err));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("re-encrypted 4 secret value(s)"), out.toString());
        assertEquals(oldKey, Files.readString(home.resolve("secret.key.old")));
        assertNotEquals(oldKey, Files.readString(home.resolve("secret.key")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secret.key"))));
        assertFalse(Files.exists(home.resolve("secret.key.new")));

        SecretCipher old = SecretCipher.fromKeyFile(home.resolve("secret.key.old"));
        try (TestServer again = TestServer.start(home, Optional.empty(), MAX_BODY)) {
            Map<String, String> after = sealed(again.core().service(Jdbi.class));
            SecretCipher now = again.core().service(SecretCipher.class);
            for (String kind : PLAIN.keySet()) {
                assertNotEquals(before.get(kind), after.get(kind), kind);
                assertEquals(PLAIN.get(kind), now.decrypt(after.get(kind)), kind + " readable under the new key");
                assertEquals(Optional.empty(), old.tryDecrypt(after.get(kind)), kind + " not under the old key");
            }
            again.core().service(ExtensionRegistry.class).put("rotation-test",
                    List.of(new RegisteredExtension(ExtensionPointId.SOURCE, "rotation-test", new TokenSource())));
            HttpResponse<String> app = again.get("/api/v1/apps/safe");
            assertEquals(200, app.statusCode(), app.body());
            PLAIN.values().forEach(v -> assertFalse(app.body().contains(v), "the API never returns a secret"));
            HttpResponse<String> audit = again.get("/api/v1/audit?action=secret-key.rotate");
            assertTrue(audit.body().contains("\"values\":\"4\""), audit.body());
        }
    }

    @Test
    void withAKeyFromTheEnvironmentPrintsTheNewKeyAndWritesNoFile() throws Exception {
        Path home = Files.createTempDirectory("slipway-envkey-");
        try {
            String oldKey = KeyFiles.encode(KeyFiles.generate());
            io.slipway.core.config.SlipwayConfig base = TestServer.config(home, MAX_BODY);
            io.slipway.core.config.SlipwayConfig config = new io.slipway.core.config.SlipwayConfig(base.home(), 0, 0,
                    base.baseDomain(), base.dbUrl(), "", "", Optional.empty(), Optional.empty(), 1, MAX_BODY, MAX_BODY,
                    base.publicUrl(), Optional.empty(), Optional.of(oldKey), 0, 0);
            SecretCipher old = SecretCipher.fromConfig(config);
            try (io.slipway.core.persistence.Database db = io.slipway.core.persistence.Database.open(config)) {
                db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO plugin_secrets (plugin_id, secret_key, secret_value, "
                        + "updated_at) VALUES ('p', 'k', :v, CURRENT_TIMESTAMP)").bind("v", old.encrypt("kept")).execute());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, RotateKeyCommand.run(config, print(out), print(err)), err.toString(StandardCharsets.UTF_8));
            String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
            SecretCipher fresh = new SecretCipher(KeyFiles.decode(lines[lines.length - 1]).orElseThrow());
            assertFalse(Files.exists(home.resolve("secret.key")), "no key file when the environment supplies the key");
            try (io.slipway.core.persistence.Database db = io.slipway.core.persistence.Database.open(config)) {
                String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT secret_value FROM plugin_secrets")
                        .mapTo(String.class).one());
                assertEquals("kept", fresh.decrypt(stored));
                assertEquals(Optional.empty(), old.tryDecrypt(stored));
            }
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void refusesToStartOverAnUnfinishedRotation() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.stop();
            Files.writeString(server.home().resolve("secret.key.new"), "left over");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String keyBefore = Files.readString(server.home().resolve("secret.key"));
            assertEquals(1, RotateKeyCommand.run(TestServer.config(server.home(), MAX_BODY), print(new ByteArrayOutputStream()),
                    print(err)));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("did not finish"), err.toString());
            assertEquals(keyBefore, Files.readString(server.home().resolve("secret.key")));
        }
    }

    @Test
    void refusesWhenThereIsNoKeyToRotate() throws Exception {
        Path empty = Files.createTempDirectory("slipway-nokey-");
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(1, RotateKeyCommand.run(TestServer.config(empty, MAX_BODY), print(new ByteArrayOutputStream()),
                    print(err)));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("no key to rotate"), err.toString());
        } finally {
            Files.deleteIfExists(empty);
        }
    }

    private static void store(TestServer server) {
        server.core().service(ExtensionRegistry.class).put("rotation-test",
                List.of(new RegisteredExtension(ExtensionPointId.SOURCE, "rotation-test", new TokenSource())));
        ok(server.postJson("/api/v1/projects", "{\"name\":\"vault\"}"), 201);
        ok(server.postJson("/api/v1/apps", "{\"project\":\"vault\",\"name\":\"safe\",\"source\":{\"type\":\"token-git\","
                + "\"config\":{\"url\":\"https://example.com/r.git\",\"token\":\"" + PLAIN.get("config") + "\"}}}"), 201);
        ok(server.send("PUT", "/api/v1/apps/safe/env/DB_PASSWORD", "{\"value\":\"" + PLAIN.get("env") + "\",\"secret\":true}"), 200);
        ok(server.postJson("/api/v1/notification-targets", "{\"name\":\"hook\",\"notifier\":{\"type\":\"webhook\","
                + "\"config\":{\"url\":\"https://hooks.example/x\",\"secret\":\"" + PLAIN.get("target") + "\"}},"
                + "\"events\":[\"failed\"]}"), 201);
        String sealed = server.core().service(SecretCipher.class).encrypt(PLAIN.get("plugin"));
        server.core().service(Jdbi.class).useHandle(h -> h.createUpdate("INSERT INTO plugin_secrets (plugin_id, secret_key, "
                + "secret_value, updated_at) VALUES ('some-plugin', 'api-key', :v, CURRENT_TIMESTAMP)").bind("v", sealed).execute());
    }

    /** The encrypted value of each kind, as stored. */
    private static Map<String, String> sealed(Jdbi jdbi) {
        Map<String, String> found = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            found.put("env", h.createQuery("SELECT var_value FROM env_vars WHERE name = 'DB_PASSWORD'").mapTo(String.class).one());
            found.put("config", token(h.createQuery("SELECT config_json FROM app_extensions WHERE point = 'source'")
                    .mapTo(String.class).one()));
            found.put("target", token(h.createQuery("SELECT config_json FROM notification_targets WHERE name = 'hook'")
                    .mapTo(String.class).one()));
            found.put("plugin", h.createQuery("SELECT secret_value FROM plugin_secrets WHERE plugin_id = 'some-plugin'")
                    .mapTo(String.class).one());
        });
        return found;
    }

    private static String token(String json) {
        Matcher m = SEALED.matcher(json);
        assertTrue(m.find(), json);
        return m.group();
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }

    /** A source with a secret field, so an app's config holds an encrypted value. */
    static final class TokenSource implements SourceProvider {
        @Override
        public String id() {
            return "token-git";
        }

        @Override
        public String displayName() {
            return "Git with a token";
        }

        @Override
        public ConfigSchema configSchema() {
            return ConfigSchema.of(ConfigField.text("url").required(true), ConfigField.secret("token"));
        }

        @Override
        public SourceRevision fetch(SourceRequest request, StepContext step) {
            throw new UnsupportedOperationException("never fetched in this test");
        }
    }
}
