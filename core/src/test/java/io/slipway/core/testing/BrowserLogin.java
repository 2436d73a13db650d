package io.slipway.core.testing;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * Signs a Playwright page in through the login form as the test server's {@code admin}, the way
 * a person does: every page needs a session.
 *
 * <pre>{@code
 * BrowserLogin.logIn(page, server);   // then page.navigate(...) anywhere
 * }</pre>
 */
public final class BrowserLogin {
    private BrowserLogin() {
    }

    /** Opens {@code /login}, signs in as {@code admin} and waits for the dashboard. */
    public static void logIn(Page page, TestServer server) {
        page.navigate(server.uri("/login").toString());
        page.getByLabel("User name").fill("admin");
        page.getByLabel("Password").fill(TestServer.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
    }
}
