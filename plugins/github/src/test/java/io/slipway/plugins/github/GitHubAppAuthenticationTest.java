package io.slipway.plugins.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.testkit.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubAppAuthenticationTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private FakeGitHub github;
    private KeyPair keys;
    private TestPluginContext context;
    private Config config;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        github = new FakeGitHub();
        github.tokenExpiry = START.plus(Duration.ofHours(1));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        context = new TestPluginContext("github", dir).startingAt(START);
        config = new Config(Map.of("url", "https://github.com/acme/shop.git", "apiUrl", github.apiUrl(),
                "appId", 4242L, "installationId", 77L, "privateKey", pem));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void appJwtVerifiesWithThePublicKeyAndBuysAnInstallationToken() throws Exception {
        new GitHubStatusPublisher(context).publish(status(), config);

        var tokenCalls = github.calls("POST", "/app/installations/77/access_tokens");
        assertEquals(1, tokenCalls.size());
        String authorization = tokenCalls.get(0).authorization();
        assertTrue(authorization.startsWith("Bearer "), authorization);
        String[] jwt = authorization.substring(7).split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(jwt[2])), "the JWT's signature verifies with the App's public key");
        JsonNode header = FakeGitHub.JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = FakeGitHub.JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals("RS256", header.path("alg").asText());
        assertEquals("4242", claims.path("iss").asText());
        assertEquals(START.minusSeconds(60).getEpochSecond(), claims.path("iat").asLong());
        assertTrue(claims.path("exp").asLong() <= START.plusSeconds(600).getEpochSecond());

        assertEquals("token ghs_token1", github.calls("POST", "/repos/acme/shop/statuses/").get(0).authorization());
    }

    @Test
    void installationTokenIsReusedThenRefreshedBeforeItExpires() {
        GitHubStatusPublisher publisher = new GitHubStatusPublisher(context);
        publisher.publish(status(), config);
        context.advance(Duration.ofMinutes(50));
        publisher.publish(status(), config);
        assertEquals(1, github.calls("POST", "/app/installations/77/access_tokens").size(), "token still fresh after 50 min");

        context.advance(Duration.ofMinutes(6));
        github.tokenExpiry = START.plus(Duration.ofHours(2));
        publisher.publish(status(), config);

        assertEquals(2, github.calls("POST", "/app/installations/77/access_tokens").size(), "refreshed 4 min before expiry");
        var statuses = github.calls("POST", "/repos/acme/shop/statuses/");
        assertEquals("token ghs_token1", statuses.get(1).authorization());
        assertEquals("token ghs_token2", statuses.get(2).authorization());
    }

    private static CommitStatus status() {
        return new CommitStatus("https://github.com/acme/shop.git", GitHubDeliveries.SHA, CommitStatus.State.PENDING, "QUEUED",
                "http://slipway.example.org/deployments/1", "slipway/production", "production");
    }
}
