package io.slipway.plugins.gitlab;

import org.gitlab4j.api.GitLabApi;

/**
 * Makes gitlab4j clients for an app's settings: the instance's API with the project access token
 * (sent as {@code PRIVATE-TOKEN}).
 *
 * <pre>{@code
 * try (GitLabApi api = GitLabClients.client(settings)) { ... }
 * }</pre>
 */
final class GitLabClients {
    private GitLabClients() {
    }

    static GitLabApi client(GitLabSettings settings) {
        return new GitLabApi(settings.apiBaseUrl(), settings.token().orElse(""));
    }
}
