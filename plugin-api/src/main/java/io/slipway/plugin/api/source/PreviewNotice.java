package io.slipway.plugin.api.source;

import java.util.Objects;
import java.util.Optional;

/**
 * What a pull/merge request's preview environment is doing, for a comment on the request.
 *
 * <pre>{@code
 * new PreviewNotice("acme/shop", 42, PreviewNotice.State.LIVE, Optional.of("http://web-pr-42.example.com"),
 *     sha, "Preview of acme/shop#42 is live.");
 * }</pre>
 *
 * @param repository the repository (clone URL or owner/name)
 * @param pullRequest the pull/merge request number
 * @param state what happened to the preview
 * @param url where the preview answers, while it is live
 * @param commitId the commit the preview runs (or ran)
 * @param message one sentence a forge can post as it is
 */
public record PreviewNotice(String repository, int pullRequest, State state, Optional<String> url, String commitId,
                            String message) {

    /**
     * A preview's life: live (again, after a new commit), held back (the app's limit of live
     * previews is reached), or removed (the request closed, or it saw no commit for too long).
     */
    public enum State { LIVE, HELD_BACK, REMOVED }

    public PreviewNotice {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(message, "message");
    }
}
