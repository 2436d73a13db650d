package io.slipway.core.apps;

/**
 * Runs before an app's rows are deleted: the seam where the pipeline retires the app's releases,
 * removes its images and routes. Until the pipeline exists, {@link #NONE} is wired. A failure
 * thrown here stops the deletion, so nothing is left running without its app.
 */
@FunctionalInterface
public interface AppDeletionHook {
    AppDeletionHook NONE = app -> {
    };

    void beforeDelete(AppView app);

    /** Runs once the app's rows are gone (routes and caches forget it); nothing by default. */
    default void afterDelete(AppView app) {
    }
}
