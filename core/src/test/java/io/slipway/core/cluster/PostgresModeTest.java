package io.slipway.core.cluster;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.persistence.Database;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Slipway on PostgreSQL: every migration, the REST API and the pipeline's basics. */
class PostgresModeTest {
    @Test
    void everyMigrationRunsOnPostgres() throws IOException, URISyntaxException {
        try (ClusterFixture c = ClusterFixture.start(1)) {
            Jdbi jdbi = c.server(0).core().service(Jdbi.class);
            assertTrue(c.server(0).core().service(Database.class).isPostgres());
            List<String> applied = jdbi.withHandle(h -> h.createQuery("SELECT version FROM flyway_schema_history "
                    + "WHERE success AND version IS NOT NULL ORDER BY installed_rank").mapTo(String.class).list());
            Path dir = Path.of(Database.class.getResource("/db/migration").toURI());
            List<String> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .map(n -> n.substring(1, n.indexOf("__"))).sorted((a, b) -> Integer.compare(Integer.parseInt(a),
                                Integer.parseInt(b))).toList();
            }
            assertEquals(files, applied);
        }
    }

    @Test
    void projectsAppsAndDeploymentsWorkOnPostgres() {
        try (ClusterFixture c = ClusterFixture.start(1)) {
            TestServer s = c.server(0);
            c.app("web", Map.of(), Map.of());
            assertEquals(200, s.get("/api/v1/apps/web").statusCode());
            long first = c.deploy(s, "web");
            assertEquals("ACTIVE", c.awaitFinal(s, first, Duration.ofSeconds(30)).get("phase").asText());
            long second = c.deploy(s, "web");
            assertEquals("ACTIVE", c.awaitFinal(s, second, Duration.ofSeconds(30)).get("phase").asText());
            JsonNode list = read(s.get("/api/v1/apps/web/deployments").body());
            assertEquals(2, list.get("items").size());
            assertEquals(409, s.postJson("/api/v1/projects", "{\"name\":\"shop\"}").statusCode());
            // The monitoring's own SQL runs on PostgreSQL too.
            JsonNode stats = read(s.get("/api/v1/monitoring/stats").body());
            assertEquals(2, stats.get("byPhase").get("ACTIVE").asInt(), stats.toString());
            assertEquals("ok", read(s.get("/api/v1/monitoring/health").body()).get("status").asText());
            assertEquals(200, s.get("/api/v1/monitoring/stuck").statusCode());
            assertTrue(s.get("/metrics").body().contains("slipway_deployments{application=\"slipway\",phase=\"ACTIVE\"} 2.0"));
            assertEquals(204, s.send("DELETE", "/api/v1/apps/web", null).statusCode());
            assertEquals(404, s.get("/api/v1/apps/web").statusCode());
        }
    }
}
