package io.slipway.core.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.ExtensionPointId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives a real headless Chromium through the pages: first project from the empty dashboard,
 * an app through its form, both listed, then the app's settings form. Leaves screenshots in
 * {@code target/screenshots/}.
 */
class DashboardBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static TestServer server;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = RequiresExternal.chromium();
        server = TestServer.start();
        server.core().service(ExtensionRegistry.class).put("test",
                List.of(new RegisteredExtension(ExtensionPointId.SOURCE, "test", new FakeSource())));
        // Playwright's Java jar carries its driver; the browser is Debian's, so nothing is downloaded.
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createsProjectAndAppThroughTheFormsAndShowsThem() throws java.io.IOException {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 800)).newPage();
        io.slipway.core.testing.BrowserLogin.logIn(page, server);
        page.navigate(server.uri("/").toString());
        assertThat(page.getByText("Welcome to Slipway")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("welcome.png")));

        page.getByLabel("Project name").fill("shop");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create your first project")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Project shop created. Add an app to it next.");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New app")).click();
        page.getByLabel("Name").fill("web");
        page.getByLabel("Project").selectOption("shop");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create app")).click();
        assertThat(page).hasURL(server.uri("/apps/web?done=app-created&name=web").toString());

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard").setExact(true)).first().click();
        assertThat(page.locator("#project-shop h2")).hasText("shop");
        assertThat(page.locator("#project-shop td.app-name")).hasText("web");
        assertThat(page.locator("#project-shop")).containsText("never deployed");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard.png")).setFullPage(true));

        page.locator("#project-shop td.app-name a").click();
        assertThat(page.locator("h1")).hasText("web");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings"))).isVisible();
        // With JavaScript the type picker re-renders the form on change, without a button press.
        page.locator("select[name='source.type']").selectOption(FakeSource.ID);
        assertThat(page.getByLabel("Repository URL")).isVisible();
        assertThat(page.getByLabel("Access token")).hasAttribute("type", "password");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app.png")).setFullPage(true));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plugins").setExact(true)).click();
        assertThat(page.locator("h1")).hasText("Plugins");
        assertThat(page.locator("a[aria-current='page']")).hasText("Plugins");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("plugins.png")).setFullPage(true));
        assertTrue(Files.size(SCREENSHOTS.resolve("dashboard.png")) > 0);
    }
}
