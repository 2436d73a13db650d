package io.slipway.core.webhooks;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA;
import static io.slipway.core.webhooks.WebhookTestSupport.push;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.core.secrets.SecretCipher;
import java.net.http.HttpResponse;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The intake keeps the apps in memory between deliveries: a change made through this server
 * applies to the very next delivery, and a change another server made (written here straight to
 * the database, as that server would) is found when a delivery needs it or within two seconds.
 */
class WebhookAppsInMemoryTest {
    private static WebhookTestSupport t;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        t = WebhookTestSupport.start();
        jdbi = t.pipeline.server.core().service(Jdbi.class);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String status(HttpResponse<String> r) {
        return r.statusCode() + " " + read(r.body()).path("status").asText();
    }

    @Test
    void rulesChangedThroughTheApiApplyToTheNextDelivery() {
        String secret = t.app("ruled", "acme/ruled", "main");
        assertEquals("202 ignored", status(t.deliver("push", push("acme/ruled", "refs/heads/release/1", SHA), secret)));
        t.rules("ruled", "{\"rules\": [{\"branch\": \"release/*\", \"environment\": \"staging\"}]}");
        HttpResponse<String> r = t.deliver("push", push("acme/ruled", "refs/heads/release/1", SHA), secret);
        assertEquals("202 queued", status(r), r.body());
    }

    @Test
    void aSecretChangedOnAnotherServerVerifiesFromItsFirstDelivery() {
        String old = t.app("rotated", "acme/rotated", "main");
        assertEquals("202 queued", status(t.deliver("push", push("acme/rotated", "refs/heads/main", SHA), old)));
        String fresh = "another-servers-new-secret-0123456789";
        String encrypted = t.pipeline.server.core().service(SecretCipher.class).encrypt(fresh);
        jdbi.useHandle(h -> h.createUpdate("UPDATE app_webhook_secrets SET secret_enc = :s WHERE app_id = "
                + "(SELECT id FROM apps WHERE name = 'rotated')").bind("s", encrypted).execute());

        HttpResponse<String> r = t.deliver("push", push("acme/rotated", "refs/heads/main", SHA), fresh);
        assertEquals("202 queued", status(r), r.body());
        assertEquals(401, t.deliver("push", push("acme/rotated", "refs/heads/main", SHA), old).statusCode(),
                "the replaced secret no longer verifies");
    }

    @Test
    void aRepositoryAnotherServerPointedAnAppAtDeploysFromItsFirstDelivery() {
        String secret = t.app("moved", "acme/before-move", "main");
        assertEquals("202 queued", status(t.deliver("push", push("acme/before-move", "refs/heads/main", SHA), secret)));
        jdbi.useHandle(h -> h.createUpdate("UPDATE app_extensions SET config_json = REPLACE(config_json, "
                + "'acme/before-move', 'acme/after-move') WHERE point = 'source' AND app_id = "
                + "(SELECT id FROM apps WHERE name = 'moved')").execute());

        HttpResponse<String> r = t.deliver("push", push("acme/after-move", "refs/heads/main", SHA), secret);
        assertEquals("202 queued", status(r), r.body());
    }

    @Test
    void aRuleAnotherServerWroteAppliesWithinTheSnapshotAge() throws InterruptedException {
        String secret = t.app("remote-rules", "acme/remote-rules", "main");
        assertEquals("202 ignored", status(t.deliver("push", push("acme/remote-rules", "refs/heads/qa", SHA), secret)));
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO app_deploy_rules (app_id, rules_json, previews, updated_at) "
                + "SELECT id, :j, FALSE, CURRENT_TIMESTAMP FROM apps WHERE name = 'remote-rules'")
                .bind("j", "{\"version\": 1, \"rules\": [{\"branch\": \"qa\", \"environment\": \"staging\"}]}").execute());

        Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(HookApps.MAX_AGE_NANOS) + 200);
        HttpResponse<String> r = t.deliver("push", push("acme/remote-rules", "refs/heads/qa", SHA), secret);
        assertEquals("202 queued", status(r), r.body());
    }

    @Test
    void anAppDeletedOnAnotherServerAnswersNoAppNotAnError() {
        String secret = t.app("gone", "acme/gone", "main");
        assertEquals("202 queued", status(t.deliver("push", push("acme/gone", "refs/heads/main", SHA), secret)));
        t.pipeline.awaitFinal(read(t.deliver("push", push("acme/gone", "refs/heads/main", SHA), secret).body())
                .get("deployments").get(0).asLong());
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM apps WHERE name = 'gone'").execute());

        HttpResponse<String> r = t.deliver("push", push("acme/gone", "refs/heads/main", SHA), secret);
        assertEquals("202 no_app", status(r), r.body());
    }
}
