package io.slipway.core.http;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.testkit.RequiresExternal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Chromium loads the pages under the server's Content-Security-Policy and reports no
 * violation: every script and style comes from /static, slipway.js runs (it marks the page), and
 * the live log of a running deployment (moved out of an inline script) still streams.
 */
class ContentSecurityPolicyBrowserTest {
    private static PipelineTestSupport t;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Path chromium = RequiresExternal.chromium();
        t = PipelineTestSupport.start();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (t != null) {
            t.close();
        }
    }

    @Test
    void pagesLoadWithoutPolicyViolations() {
        List<String> problems = new ArrayList<>();
        Page page = page(problems);
        for (String path : List.of("/", "/plugins", "/notifications", "/status", "/audit", "/settings")) {
            page.navigate(t.server.uri(path).toString());
            page.waitForLoadState();
            assertTrue((Boolean) page.evaluate("document.documentElement.classList.contains('js')"),
                    path + ": slipway.js did not run");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aRunningDeploymentsLogStreamsAndThePageShowsTheEnd() {
        t.app("streamed", Map.of("builder", "slow"), Map.of("builder", 2_000L));
        long id = t.deploy("streamed");
        t.awaitPhase(id, "BUILDING");
        List<String> problems = new ArrayList<>();
        Page page = page(problems);
        page.navigate(t.server.uri("/deployments/" + id).toString());
        // The script reloads the page when the stream ends; the reloaded page shows the outcome.
        assertThat(page.locator("#phase-badge")).hasText("Active", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("#deployment-log")).containsText("is live");
        assertEquals(List.of(), problems);
    }

    private static Page page(List<String> problems) {
        Page page = browser.newContext(new Browser.NewContextOptions()
                .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + TestServer.ADMIN_TOKEN))).newPage();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                problems.add(page.url() + ": " + m.text());
            }
        });
        page.onPageError(e -> problems.add(page.url() + ": " + e));
        return page;
    }
}
