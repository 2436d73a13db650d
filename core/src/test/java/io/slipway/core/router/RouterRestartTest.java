package io.slipway.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.core.testing.TestServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Routes live in the database: a restarted server routes as before, without any deployment. */
class RouterRestartTest {
    @Test
    void routesSurviveARestart() {
        try (TestBackend backend = TestBackend.start("kept")) {
            Path home;
            RouterTestSupport first = RouterTestSupport.start();
            try {
                long id = first.app("kept");
                first.activate(id, "kept", "production", 7, backend.port());
                assertEquals(201, first.server.send("PUT", "/api/v1/apps/kept/domains/kept.example.org", null)
                        .statusCode());
                assertEquals("kept /", first.get("kept.localhost", "/").getContentAsString());
                home = first.server.home();
            } finally {
                first.server.stop();
            }
            try (RouterTestSupport again = new RouterTestSupport(TestServer.start(home, Optional.empty(), 1 << 20))) {
                assertEquals("kept /", again.get("kept.localhost", "/").getContentAsString());
                assertEquals("kept /a", again.get("kept.example.org", "/a").getContentAsString());
            }
        }
    }
}
