package io.slipway.plugin.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need something outside the JVM (a browser, a Docker engine): on a
 * developer's machine without it they are skipped with the reason shown; in CI (env {@code CI}
 * set) a missing tool fails the build, so a green CI never hides tests that did not run.
 *
 * <pre>{@code
 * Path chromium = RequiresExternal.chromium();
 * }</pre>
 */
public final class RequiresExternal {
    private RequiresExternal() {
    }

    /** Debian's Chromium, the browser the page tests drive. */
    public static Path chromium() {
        Path browser = Path.of("/usr/bin/chromium");
        require("Chromium", Files.isExecutable(browser), "install it with: apt-get install -y chromium");
        return browser;
    }

    /**
     * Skips the calling test, or fails it in CI, unless {@code available}.
     *
     * @param what the missing thing, for the message
     * @param fix how to make it available
     */
    public static void require(String what, boolean available, String fix) {
        if (available) {
            return;
        }
        String reason = what + " is not available; " + fix;
        if (inCi()) {
            Assertions.fail(reason + " (CI is set, so this test may not be skipped)");
        }
        Assumptions.abort(reason);
    }

    /** Whether env {@code CI} is set (to anything but false). */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
