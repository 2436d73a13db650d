package io.slipway.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The app page shows the app's deployment rules read-only, with a link to edit them. */
class RulesOnAppPageTest {

    @Test
    void theAppPageShowsTheDefaultThenTheAppsOwnRulesAndLinksToTheirEditor() {
        try (TestServer server = TestServer.start()) {
            ok(server.postJson("/api/v1/projects", "{\"name\":\"shop\"}"), 201);
            ok(server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"shown\"}"), 201);
            HttpResponse<String> before = server.get("/apps/shown");
            ok(before, 200);
            assertTrue(before.body().contains("has no rules of its own"), before.body());
            assertTrue(before.body().contains("<code>main</code>") && before.body().contains("<code>production</code>"),
                    before.body());

            ok(server.send("PUT", "/api/v1/apps/shown/rules", "{\"rules\": [{\"branch\": \"release/*\", "
                    + "\"environment\": \"staging\", \"paths\": [\"src/**\"]}, {\"tag\": \"v*\", \"environment\": "
                    + "\"production\"}], \"previews\": true, \"maxPreviews\": 3, \"previewTtlDays\": 2}"), 200);
            String page = server.get("/apps/shown").body();
            assertTrue(page.contains("<code>release/*</code>") && page.contains("<code>staging</code>")
                    && page.contains("<code>src/**</code>") && page.contains("<code>v*</code>"), page);
            assertTrue(page.contains("<span>3</span> live") && page.contains("<span>2</span> days"), page);
            assertTrue(page.contains("href=\"/apps/shown/rules\""), "links to the editor: " + page);
        }
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
    }
}
