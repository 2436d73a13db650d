package io.slipway.plugin.api.source;

import java.util.List;

/**
 * Looks up the webhook secrets configured for the apps that deploy a repository, so a receiver
 * can verify a signature before it trusts anything in the payload but the repository name.
 *
 * <pre>{@code
 * boolean valid = secrets.forRepository(repoUrl).stream().anyMatch(s -> signature.matches(s, body));
 * }</pre>
 */
@FunctionalInterface
public interface WebhookSecrets {

    /** Secrets of every app whose source is {@code repository} (a clone URL or owner/name). */
    List<String> forRepository(String repository);
}
