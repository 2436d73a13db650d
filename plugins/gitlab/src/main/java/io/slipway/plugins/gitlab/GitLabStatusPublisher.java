package io.slipway.plugins.gitlab;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.api.source.CommitStatusPublisher;
import io.slipway.plugin.api.source.PreviewNotice;
import io.slipway.plugin.api.source.PullRequestState;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Note;
import org.gitlab4j.models.Constants.CommitBuildState;
import org.pf4j.Extension;

/**
 * Reports deployments on GitLab: a commit status named {@code slipway/<environment>} linking to the
 * deployment's page, and for previews ONE merge request note, found again by a hidden marker and
 * updated rather than repeated. Tells the core whether a merge request is still open, so previews whose
 * close event was missed are removed.
 */
@Extension
public final class GitLabStatusPublisher implements CommitStatusPublisher {
    /** Hidden in the preview note's body, so the note is found again. */
    static final String PREVIEW_MARKER = "<!-- slipway-preview -->";
    private static final int MAX_DESCRIPTION = 255;

    @Override
    public String id() {
        return "gitlab";
    }

    @Override
    public String displayName() {
        return "GitLab commit statuses";
    }

    @Override
    public ConfigSchema configSchema() {
        return GitLabSettings.schema();
    }

    @Override
    public void publish(CommitStatus status, Config config) {
        GitLabSettings settings = GitLabSettings.from(config);
        String description = status.description().length() <= MAX_DESCRIPTION ? status.description()
                : status.description().substring(0, MAX_DESCRIPTION - 1) + "…";
        var gitlabStatus = new org.gitlab4j.api.models.CommitStatus().withName(status.context())
                .withTargetUrl(status.targetUrl()).withDescription(description);
        try (GitLabApi api = GitLabClients.client(settings)) {
            api.getCommitsApi().addCommitStatus(settings.project().path(), status.commitId(), state(status.state()), gitlabStatus);
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 400 && String.valueOf(e.getMessage()).contains("Cannot transition status")) {
                return; // GitLab refuses to set the state the commit already has (running again for each phase).
            }
            throw new IllegalStateException("GitLab refused the status of " + status.commitId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void previewChanged(PreviewNotice notice, Config config) {
        GitLabSettings settings = GitLabSettings.from(config);
        String body = PREVIEW_MARKER + "\n" + notice.message() + notice.url().map(u -> "\n\nPreview: " + u).orElse("");
        String project = settings.project().path();
        long iid = notice.pullRequest();
        try (GitLabApi api = GitLabClients.client(settings)) {
            Optional<Note> existing = api.getNotesApi().getMergeRequestNotes(project, iid).stream()
                    .filter(n -> n.getBody() != null && n.getBody().contains(PREVIEW_MARKER)).findFirst();
            if (existing.isPresent()) {
                api.getNotesApi().updateMergeRequestNote(project, iid, existing.get().getId(), body);
            } else {
                api.getNotesApi().createMergeRequestNote(project, iid, body, null, null);
            }
        } catch (GitLabApiException e) {
            throw new IllegalStateException("GitLab refused the preview note on !" + iid + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code GET /projects/:id/merge_requests/:iid}: {@code merged}, {@code closed}, or open
     * ({@code opened}, or {@code locked} while GitLab merges it); any other state is "cannot tell".
     */
    @Override
    public Optional<PullRequestState> pullRequestState(String repository, int number, Config config) {
        GitLabSettings settings = GitLabSettings.from(config);
        try (GitLabApi api = GitLabClients.client(settings)) {
            String state = String.valueOf(api.getMergeRequestApi().getMergeRequest(settings.project().path(), (long) number)
                    .getState());
            return switch (state) {
                case "merged" -> Optional.of(PullRequestState.MERGED);
                case "closed" -> Optional.of(PullRequestState.CLOSED);
                case "opened", "locked" -> Optional.of(PullRequestState.OPEN);
                default -> Optional.empty(); // a state this plugin does not know: keep the preview
            };
        } catch (GitLabApiException e) {
            throw new IllegalStateException("GitLab did not tell whether !" + number + " is open: " + e.getMessage(), e);
        }
    }

    private static CommitBuildState state(CommitStatus.State state) {
        return switch (state) {
            case PENDING -> CommitBuildState.RUNNING;
            case SUCCESS -> CommitBuildState.SUCCESS;
            case FAILURE -> CommitBuildState.FAILED;
            case ERROR -> CommitBuildState.CANCELED;
        };
    }
}
