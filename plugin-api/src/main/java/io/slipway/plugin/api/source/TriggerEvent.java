package io.slipway.plugin.api.source;

import java.util.List;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened at a source and may start a deployment.
 *
 * <pre>{@code
 * new TriggerEvent(TriggerEvent.Kind.PUSH, "acme/shop", "refs/heads/main", sha,
 *     Optional.empty(), deliveryId, "octocat");
 * // with the files the push changed, for path filters:
 * new TriggerEvent(TriggerEvent.Kind.PUSH, "acme/shop", "refs/heads/main", sha,
 *     Optional.empty(), deliveryId, "octocat", List.of("api/Main.java"), false);
 * // a pull request that was merged:
 * new TriggerEvent(TriggerEvent.Kind.PULL_REQUEST_CLOSED, "acme/shop", "refs/heads/feature/login", headSha,
 *     Optional.of(42), deliveryId, "octocat", List.of(), true);
 * }</pre>
 *
 * @param kind what happened
 * @param repository the repository it happened in (clone URL or owner/name)
 * @param ref the full ref ({@code refs/heads/main}, {@code refs/tags/v1}); for a pull request,
 *        its head branch ({@code refs/heads/feature/login})
 * @param commitId the commit to deploy; empty for a closed pull request, and for a deleted branch
 * @param pullRequest the pull/merge request number, for pull request events
 * @param deliveryId the sender's id of this delivery, so a redelivery is recognised
 * @param sender who caused it
 * @param changedPaths the files (repository-relative paths) the event added, modified or removed,
 *        for path filters; EMPTY when the source does not know them (a tag, a new branch without
 *        commits, a pull request), in which case a path filter must not hold the deployment back
 * @param merged for {@link Kind#PULL_REQUEST_CLOSED}: whether it was merged rather than closed
 */
public record TriggerEvent(Kind kind, String repository, String ref, String commitId,
                           Optional<Integer> pullRequest, String deliveryId, String sender,
                           List<String> changedPaths, boolean merged) {

    /** The kinds of event a source can report. */
    public enum Kind { PUSH, TAG, PULL_REQUEST_OPENED, PULL_REQUEST_UPDATED, PULL_REQUEST_CLOSED }

    public TriggerEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(sender, "sender");
        changedPaths = List.copyOf(changedPaths);
    }

    /** An event without changed paths (unknown) that is not a merge. */
    public TriggerEvent(Kind kind, String repository, String ref, String commitId,
                        Optional<Integer> pullRequest, String deliveryId, String sender) {
        this(kind, repository, ref, commitId, pullRequest, deliveryId, sender, List.of(), false);
    }
}
