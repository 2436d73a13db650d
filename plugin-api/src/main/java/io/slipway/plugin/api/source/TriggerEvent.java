package io.slipway.plugin.api.source;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened at a source and may start a deployment.
 *
 * <pre>{@code
 * new TriggerEvent(TriggerEvent.Kind.PUSH, "acme/shop", "refs/heads/main", sha,
 *     Optional.empty(), deliveryId, "octocat");
 * }</pre>
 *
 * @param kind what happened
 * @param repository the repository it happened in (clone URL or owner/name)
 * @param ref the full ref ({@code refs/heads/main}, {@code refs/tags/v1})
 * @param commitId the commit to deploy; empty for a closed pull request
 * @param pullRequest the pull/merge request number, for pull request events
 * @param deliveryId the sender's id of this delivery, so a redelivery is recognised
 * @param sender who caused it
 */
public record TriggerEvent(Kind kind, String repository, String ref, String commitId,
                           Optional<Integer> pullRequest, String deliveryId, String sender) {

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
    }
}
