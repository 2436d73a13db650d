package io.slipway.plugin.api.source;

import java.util.Objects;

/**
 * The revision that was fetched, shown on the deployment and sent to notifiers.
 *
 * <pre>{@code
 * return new SourceRevision("9fceb02d0ae598e95dc970b74767f19372d61af8", "Fix login", "Ada <ada@example.org>", "main");
 * }</pre>
 *
 * @param commitId full commit id, or a content hash for sources without commits (uploads)
 * @param message first line of the commit message; empty when none
 * @param author who made it; empty when unknown
 * @param ref the branch or tag it was fetched as
 */
public record SourceRevision(String commitId, String message, String author, String ref) {
    public SourceRevision {
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(ref, "ref");
    }
}
