package io.slipway.core.pipeline;

/**
 * The pipeline on this server right now.
 *
 * @param instance this server's id among those sharing the database
 * @param workers the worker pool's size
 * @param running deployments this server runs
 * @param queued deployments waiting (all servers)
 * @param reconciler what the reconciler has done
 */
public record PipelineStatus(String instance, int workers, int running, long queued, ReconcilerCounts reconciler) {
}
