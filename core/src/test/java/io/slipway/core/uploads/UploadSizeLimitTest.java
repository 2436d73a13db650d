package io.slipway.core.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.server.EmbeddedServer;
import io.slipway.core.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLIPWAY_MAX_UPLOAD_BYTES: a server whose uploads may be 64 KiB (other bodies 1 KiB) answers a larger
 * archive 413 before storing it, whether its size is announced or it arrives chunked.
 */
class UploadSizeLimitTest {
    private static final long LIMIT = 64 * 1024;
    private static EmbeddedServer server;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("slipway-upload-limit-");
        SlipwayConfig base = TestServer.config(home, 1024);
        SlipwayConfig small = new SlipwayConfig(base.home(), 0, 0, base.baseDomain(), base.dbUrl(), base.dbUser(),
                base.dbPassword(), base.adminPassword(), base.adminToken(), 1, base.maxBodyBytes(),
                base.maxPluginBytes(), base.publicUrl(), base.dockerHost(), base.secretKey(), base.apiRateLimit(),
                base.hooksRateLimit(), LIMIT);
        server = EmbeddedServer.start(small, Optional.empty());
        server.core();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A fresh client each time: the server closes the connection after a 413, and a pooled one would reuse it. */
    private static HttpResponse<String> post(HttpRequest.BodyPublisher body, String contentType) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/apps/web/uploads"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", contentType)
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean nothingStored() throws IOException {
        Path incoming = home.resolve("uploads-incoming");
        if (!Files.exists(incoming)) {
            return true;
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void anArchiveOverTheLimitIs413BeforeItIsStored() throws Exception {
        Multipart m = Multipart.file("big.zip", new byte[(int) LIMIT * 3], Map.of());
        HttpResponse<String> r = post(HttpRequest.BodyPublishers.ofByteArray(m.body()), m.contentType());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"payload_too_large\"") && r.body().contains("SLIPWAY_MAX_UPLOAD_BYTES"),
                r.body());
        assertTrue(nothingStored());
    }

    @Test
    void aChunkedArchiveOverTheLimitIs413() throws Exception {
        Multipart m = Multipart.file("big.zip", new byte[(int) LIMIT * 3], Map.of());
        HttpResponse<String> r = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(m.body())),
                m.contentType());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("payload_too_large"), r.body());
        assertTrue(nothingStored());
    }

    @Test
    void anArchiveUnderTheUploadLimitPassesTheSmallerBodyLimit() throws Exception {
        Multipart m = Multipart.file("small.zip", new byte[8 * 1024], Map.of());
        HttpResponse<String> r = post(HttpRequest.BodyPublishers.ofByteArray(m.body()), m.contentType());
        assertEquals(404, r.statusCode(), r.body()); // judged as an upload (no app 'web'), not refused as too large
    }
}
