package io.slipway.plugins.github;

import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import io.slipway.plugins.git.GitSourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.pf4j.Extension;

/**
 * The {@code github} source: a GitHub (or GitHub Enterprise) repository, cloned over https by the
 * git plugin ({@link GitSourceProvider}, reached through the PF4J plugin dependency) with the
 * app's personal access token or its GitHub App installation token.
 */
@Extension
public final class GitHubSourceProvider implements SourceProvider {
    private final GitSourceProvider git;
    private final GitHubClients clients;

    public GitHubSourceProvider(PluginContext context) {
        Objects.requireNonNull(context, "context");
        this.git = new GitSourceProvider(context);
        this.clients = new GitHubClients(context.clock(), context.httpClient());
    }

    @Override
    public String id() {
        return "github";
    }

    @Override
    public String displayName() {
        return "GitHub repository";
    }

    @Override
    public ConfigSchema configSchema() {
        return GitHubSettings.schema();
    }

    @Override
    public List<FieldError> validate(Config config) {
        return GitHubSettings.validate(config);
    }

    @Override
    public SourceRevision fetch(SourceRequest request, StepContext step) {
        GitHubSettings settings = GitHubSettings.from(request.config());
        Config gitConfig;
        try {
            gitConfig = settings.gitConfig(cloneUrl(settings), clients.accessToken(settings));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new StepFailedException(e.getMessage());
        }
        return git.fetch(new SourceRequest(gitConfig, request.ref(), request.targetDir()), step);
    }

    @Override
    public ConnectionCheck testConnection(Config config) {
        try {
            GitHubSettings settings = GitHubSettings.from(config);
            var repo = clients.client(settings).getRepository(settings.repository().fullName());
            return ConnectionCheck.ok("Reached " + repo.getFullName() + " (default branch " + repo.getDefaultBranch() + ")");
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return ConnectionCheck.failed("Could not reach the repository on GitHub: " + e.getMessage());
        }
    }

    /**
     * The https URL to clone: the URL as entered, or for {@code owner/name} the web host of the
     * API ({@code api.github.com} → {@code github.com}; Enterprise {@code host/api/v3} → {@code host}).
     */
    static String cloneUrl(GitHubSettings settings) {
        if (settings.url().contains("://")) {
            return settings.url();
        }
        String api = settings.apiUrl();
        String web = api.equals(GitHubSettings.DEFAULT_API_URL) ? "https://github.com"
                : api.endsWith("/api/v3") ? api.substring(0, api.length() - "/api/v3".length()) : api;
        return web + "/" + settings.repository().fullName() + ".git";
    }
}
