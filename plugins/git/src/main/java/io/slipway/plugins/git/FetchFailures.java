package io.slipway.plugins.git;

import io.slipway.plugin.api.StepFailedException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns JGit's failures into messages a user can act on, naming the URL without credentials and
 * never quoting a secret.
 *
 * <pre>{@code
 * catch (GitAPIException | JGitInternalException e) { throw FetchFailures.describe(url, e, settings.secrets()); }
 * }</pre>
 */
final class FetchFailures {
    private FetchFailures() {
    }

    static StepFailedException describe(RepositoryUrl url, Throwable failure, List<String> secrets) {
        String all = messages(failure).toLowerCase(Locale.ROOT);
        String credentials = url.kind() == RepositoryUrl.Kind.SSH ? "the private key" : "the username and token";
        String message;
        // Words, not status codes: messages quote the URL, and a port like 44013 holds "401".
        if (all.contains("host key") || all.contains("server key did not validate") || all.contains("known_hosts")) {
            message = "The SSH host key of " + url.host() + " does not match the known hosts: check the known hosts field";
        } else if (all.contains("not authorized") || all.contains("authentication is required") || all.contains("auth fail")
                || all.contains("no more authentication methods") || all.contains("not permitted")) {
            message = "Access denied to " + url + ": check " + credentials;
        } else if (has(failure, NoRemoteRepositoryException.class) || all.contains("not found")) {
            message = "Repository not found at " + url + ": check the URL and " + credentials;
        } else if (has(failure, SocketTimeoutException.class) || all.contains("timed out") || all.contains("timeout")) {
            message = "Fetching from " + url + " timed out: the server did not answer in time";
        } else {
            message = "Could not fetch from " + url + ": " + Redaction.clean(rootMessage(failure), secrets);
        }
        // No cause: JGit's exceptions quote URLs and server text that a stack trace in a log would repeat.
        return new StepFailedException(Redaction.clean(message, secrets));
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable failure) {
        var all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        return all.toString();
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
