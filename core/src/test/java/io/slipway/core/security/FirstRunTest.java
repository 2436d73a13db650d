package io.slipway.core.security;

import static io.slipway.core.security.SecurityFixtures.fields;
import static io.slipway.core.security.SecurityFixtures.postForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunTest {
    @TempDir
    Path tmp;

    private SlipwayConfig config(Path home, Optional<String> password, Optional<String> token) {
        SlipwayConfig c = TestServer.config(home, 1 << 20);
        return new SlipwayConfig(c.home(), c.port(), c.routerPort(), c.baseDomain(), c.dbUrl(), c.dbUser(), c.dbPassword(),
                password, token, c.workers(), c.maxBodyBytes(), c.maxPluginBytes(), c.publicUrl(), c.dockerHost());
    }

    @Test
    void withoutAdminSettingsTheOneTimeSetupLinkCreatesTheFirstAdmin() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (TestServer server = TestServer.start(config(home, Optional.empty(), Optional.empty()), Optional.empty())) {
            FirstRun firstRun = server.core().service(FirstRun.class);
            String token = firstRun.setupToken().orElseThrow();
            assertEquals(404, server.get("/setup?token=wrong").statusCode());
            assertEquals(200, server.get("/setup?token=" + token).statusCode());
            assertEquals(401, SecurityFixtures.login(server, "admin", "").statusCode(), "no default password");

            HttpResponse<String> mismatch = postForm(server, "/setup", fields("token", token, "username", "root",
                    "password", "first-admin-pw", "confirm", "other"));
            assertEquals(400, mismatch.statusCode());
            HttpResponse<String> done = postForm(server, "/setup", fields("token", token, "username", "root",
                    "password", "first-admin-pw", "confirm", "first-admin-pw"));
            assertEquals(303, done.statusCode(), done.body());
            assertTrue(done.headers().firstValue("Set-Cookie").orElse("").startsWith(AccessFilter.SESSION_COOKIE + "="));

            assertEquals(404, postForm(server, "/setup", fields("token", token, "username", "again",
                    "password", "first-admin-pw", "confirm", "first-admin-pw")).statusCode(), "the link works once");
            assertEquals(303, SecurityFixtures.login(server, "root", "first-admin-pw").statusCode());
        }
    }

    @Test
    void adminPasswordAndTokenApplyOnlyOnTheFirstStart() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home2"));
        String first = "first-token-0123456789";
        TestServer server = TestServer.start(config(home, Optional.of("first-password"), Optional.of(first)), Optional.empty());
        try {
            assertTrue(server.core().service(FirstRun.class).setupToken().isEmpty(), "no setup link when admin exists");
            assertEquals(200, server.get("/api/v1/users/me").statusCode());
            assertEquals(303, SecurityFixtures.login(server, "admin", "first-password").statusCode());
        } finally {
            server.stop(); // keeps the home (close would delete it)
        }
        String second = "second-token-0123456789";
        try (TestServer again = TestServer.start(config(home, Optional.of("second-password"), Optional.of(second)), Optional.empty())) {
            assertEquals(401, again.get("/api/v1/users/me").statusCode(), "a later SLIPWAY_ADMIN_TOKEN is ignored");
            assertEquals(200, again.as(first).get("/api/v1/users/me").statusCode());
            assertEquals(401, SecurityFixtures.login(again, "admin", "second-password").statusCode());
        }
    }
}
