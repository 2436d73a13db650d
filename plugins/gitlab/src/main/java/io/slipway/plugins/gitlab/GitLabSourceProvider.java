package io.slipway.plugins.gitlab;

import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import io.slipway.plugins.git.GitSourceProvider;
import java.util.List;
import java.util.Objects;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Project;
import org.pf4j.Extension;

/**
 * The {@code gitlab} source: a project on gitlab.com or a self-hosted GitLab, cloned over https by
 * the git plugin ({@link GitSourceProvider}, reached through the PF4J plugin dependency) with the
 * project access token.
 */
@Extension
public final class GitLabSourceProvider implements SourceProvider {
    private final GitSourceProvider git;

    public GitLabSourceProvider(PluginContext context) {
        this.git = new GitSourceProvider(Objects.requireNonNull(context, "context"));
    }

    @Override
    public String id() {
        return "gitlab";
    }

    @Override
    public String displayName() {
        return "GitLab project";
    }

    @Override
    public ConfigSchema configSchema() {
        return GitLabSettings.schema();
    }

    @Override
    public List<FieldError> validate(Config config) {
        return GitLabSettings.validate(config);
    }

    @Override
    public SourceRevision fetch(SourceRequest request, StepContext step) {
        GitLabSettings settings = GitLabSettings.from(request.config());
        return git.fetch(new SourceRequest(settings.gitConfig(), request.ref(), request.targetDir()), step);
    }

    @Override
    public ConnectionCheck testConnection(Config config) {
        try {
            GitLabSettings settings = GitLabSettings.from(config);
            try (GitLabApi api = GitLabClients.client(settings)) {
                Project project = api.getProjectApi().getProject(settings.project().path());
                return ConnectionCheck.ok("Reached " + project.getPathWithNamespace() + " (default branch " + project.getDefaultBranch() + ")");
            }
        } catch (GitLabApiException | IllegalArgumentException e) {
            return ConnectionCheck.failed("Could not reach the project on GitLab: " + e.getMessage());
        }
    }
}
