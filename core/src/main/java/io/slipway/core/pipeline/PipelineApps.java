package io.slipway.core.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * The pipeline's view of apps, so the engine does not depend on how apps are stored: over the
 * apps service in the server, over fixtures in tests.
 */
public interface PipelineApps {

    Optional<PipelineApp> find(String name);

    Optional<PipelineApp> find(long id);

    /**
     * The app as a deployment to {@code environment} sees it: its variables with that
     * environment's overrides laid over them. Without overrides, the app as {@link #find(long)}
     * gives it.
     */
    default Optional<PipelineApp> find(long id, String environment) {
        return find(id);
    }

    /** The names of every app (the reconciler asks each deployer what it runs). */
    List<String> names();
}
