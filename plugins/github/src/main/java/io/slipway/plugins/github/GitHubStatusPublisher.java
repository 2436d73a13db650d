package io.slipway.plugins.github;

import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.api.source.CommitStatusPublisher;
import io.slipway.plugin.api.source.PreviewNotice;
import io.slipway.plugin.api.source.PullRequestState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHDeployment;
import org.kohsuke.github.GHDeploymentState;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.pf4j.Extension;

/**
 * Reports deployments on GitHub: a commit status (context {@code slipway/<environment>}, linking
 * to the deployment's page), a GitHub Deployment per commit and environment with a deployment
 * status for each state (environment URL = the app's URL), and for previews ONE pull request
 * comment, found again by a hidden marker and updated rather than repeated. Tells the core whether a
 * pull request is still open, so previews whose close event was missed are removed.
 */
@Extension
public final class GitHubStatusPublisher implements CommitStatusPublisher {
    /** Hidden in the preview comment's body, so the comment is found again. */
    static final String PREVIEW_MARKER = "<!-- slipway-preview -->";
    /** GitHub refuses longer commit status descriptions. */
    private static final int MAX_DESCRIPTION = 140;

    private final GitHubClients clients;

    public GitHubStatusPublisher(PluginContext context) {
        this.clients = new GitHubClients(Objects.requireNonNull(context, "context").clock(), context.httpClient());
    }

    @Override
    public String id() {
        return "github";
    }

    @Override
    public String displayName() {
        return "GitHub commit statuses and deployments";
    }

    @Override
    public ConfigSchema configSchema() {
        return GitHubSettings.schema();
    }

    @Override
    public void publish(CommitStatus status, Config config) {
        try {
            GHRepository repo = repository(status.repository(), config);
            String description = shorten(status.description());
            repo.createCommitStatus(status.commitId(), commitState(status.state()), status.targetUrl(), description, status.context());
            GHDeployment deployment = deployment(repo, status);
            var builder = deployment.createStatus(deploymentState(status.state()))
                    .logUrl(status.targetUrl()).description(description).autoInactive(true);
            if (status.state() == CommitStatus.State.SUCCESS) {
                status.environmentUrl().ifPresent(builder::environmentUrl);
            }
            builder.create();
        } catch (IOException e) {
            throw new UncheckedIOException("GitHub refused the status of " + status.commitId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void previewChanged(PreviewNotice notice, Config config) {
        try {
            GHIssue pullRequest = repository(notice.repository(), config).getIssue(notice.pullRequest());
            String body = PREVIEW_MARKER + "\n" + notice.message()
                    + notice.url().map(u -> "\n\nPreview: " + u).orElse("");
            Optional<GHIssueComment> existing = pullRequest.listComments().toList().stream()
                    .filter(c -> c.getBody() != null && c.getBody().contains(PREVIEW_MARKER)).findFirst();
            if (existing.isPresent()) {
                existing.get().update(body);
            } else {
                pullRequest.comment(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GitHub refused the preview comment on #" + notice.pullRequest() + ": " + e.getMessage(), e);
        }
    }

    /** {@code GET /repos/{owner}/{repo}/pulls/{number}}: merged when it has a merge time, else open or closed. */
    @Override
    public Optional<PullRequestState> pullRequestState(String repository, int number, Config config) {
        try {
            GHPullRequest pullRequest = repository(repository, config).getPullRequest(number);
            if (pullRequest.getMergedAt() != null) {
                return Optional.of(PullRequestState.MERGED);
            }
            return Optional.of(pullRequest.getState() == GHIssueState.OPEN ? PullRequestState.OPEN : PullRequestState.CLOSED);
        } catch (IOException e) {
            throw new UncheckedIOException("GitHub did not tell whether #" + number + " is open: " + e.getMessage(), e);
        }
    }

    private GHRepository repository(String repository, Config config) throws IOException {
        GitHubSettings settings = GitHubSettings.from(config);
        RepositoryName name = RepositoryName.parse(repository).orElse(settings.repository());
        return clients.client(settings).getRepository(name.fullName());
    }

    /** The deployment of this commit to this environment, made on the first status. */
    private static GHDeployment deployment(GHRepository repo, CommitStatus status) throws IOException {
        List<GHDeployment> existing = repo.listDeployments(status.commitId(), null, null, status.environment()).toList();
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        boolean preview = status.pullRequest().isPresent();
        return repo.createDeployment(status.commitId()).environment(status.environment()).autoMerge(false)
                .requiredContexts(List.of()).description("Slipway deployment to " + status.environment())
                .transientEnvironment(preview).productionEnvironment("production".equals(status.environment()))
                .create();
    }

    private static GHCommitState commitState(CommitStatus.State state) {
        return switch (state) {
            case PENDING -> GHCommitState.PENDING;
            case SUCCESS -> GHCommitState.SUCCESS;
            case FAILURE -> GHCommitState.FAILURE;
            case ERROR -> GHCommitState.ERROR;
        };
    }

    private static GHDeploymentState deploymentState(CommitStatus.State state) {
        return switch (state) {
            // github-api 1.330 sends IN_PROGRESS as "in-progress", which GitHub refuses (it wants in_progress).
            case PENDING -> GHDeploymentState.PENDING;
            case SUCCESS -> GHDeploymentState.SUCCESS;
            case FAILURE -> GHDeploymentState.FAILURE;
            case ERROR -> GHDeploymentState.ERROR;
        };
    }

    private static String shorten(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
}
