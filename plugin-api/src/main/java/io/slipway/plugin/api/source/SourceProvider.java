package io.slipway.plugin.api.source;

import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.step.StepContext;

/**
 * Fetches one revision of an app's source into a folder. Point id: {@code source}.
 *
 * <p>Must be idempotent (fetching again into the same folder gives the same files), honour
 * {@link StepContext#cancellation()} and stop by {@link StepContext#deadline()}.
 *
 * <pre>{@code
 * @Extension
 * public final class GitSource implements SourceProvider {
 *     public String id() { return "git"; }
 *     public String displayName() { return "Git repository"; }
 *     public SourceRevision fetch(SourceRequest request, StepContext step) {
 *         String ref = request.ref().orElse(request.config().text("branch").orElse("main"));
 *         ... clone into request.targetDir() ...
 *         return new SourceRevision(commitId, message, author, ref);
 *     }
 * }
 * }</pre>
 */
public interface SourceProvider extends SlipwayExtension {

    SourceRevision fetch(SourceRequest request, StepContext step);
}
