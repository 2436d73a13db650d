package io.slipway.plugin.api.source;

/**
 * Where a pull/merge request stands on its forge, as
 * {@link CommitStatusPublisher#pullRequestState} reports it: the core removes the preview of one
 * that is {@link #CLOSED} or {@link #MERGED} even when the close event never arrived.
 *
 * <pre>{@code
 * GHPullRequest pr = repo.getPullRequest(number);
 * return Optional.of(pr.getMergedAt() != null ? PullRequestState.MERGED
 *         : pr.getState() == GHIssueState.OPEN ? PullRequestState.OPEN : PullRequestState.CLOSED);
 * }</pre>
 */
public enum PullRequestState {
    /** Still open (drafts too): its preview stays. */
    OPEN,
    /** Closed without being merged. */
    CLOSED,
    /** Merged (and so closed). */
    MERGED;

    /** Whether a preview of a request in this state should go. */
    public boolean isClosed() {
        return this != OPEN;
    }
}
