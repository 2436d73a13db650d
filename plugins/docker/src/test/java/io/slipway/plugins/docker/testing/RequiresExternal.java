package io.slipway.plugins.docker.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need something outside the JVM (here: a Docker engine), as in core's
 * {@code io.slipway.core.testing.RequiresExternal}: skipped with the reason shown on a machine
 * without it, failed when env {@code CI} is set, so a green CI never hides tests that did not run.
 *
 * <pre>{@code
 * RequiresExternal.require("A Docker engine", engineAnswers, "run: source .ci/test-env.sh");
 * }</pre>
 */
public final class RequiresExternal {
    private RequiresExternal() {
    }

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

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
