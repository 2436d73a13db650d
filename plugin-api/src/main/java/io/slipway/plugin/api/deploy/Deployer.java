package io.slipway.plugin.api.deploy;

import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.step.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * Starts, lists and retires releases of an app. Point id: {@code deployer}.
 *
 * <p>Labels everything it creates with {@link DeployRequest#labels()} (app, environment and
 * deployment ids) so the core's reconciler can find orphans through {@link #list}.
 *
 * <pre>{@code
 * public Release start(DeployRequest request, StepContext step) {
 *     String id = docker.run(request.artifact().reference(), request.env(), request.labels());
 *     return new Release(id, request.app(), request.environment(), request.deploymentId(),
 *         Optional.of(new Endpoint("127.0.0.1", hostPort)), request.labels());
 * }
 * }</pre>
 */
public interface Deployer extends SlipwayExtension {

    /** Starts the artifact; returns once it is started (health is checked afterwards). */
    Release start(DeployRequest request, StepContext step);

    /** Everything this deployer runs for {@code app} (all environments), as found by label. */
    List<Release> list(String app, Config config);

    /** Stops and removes a release; removing one that is already gone is not an error. */
    void retire(Release release, Config config);

    /**
     * Removes what this deployer keeps for an app beyond its releases (images, networks), once the
     * app is deleted and every release is retired. Named volumes hold users' data: keep them
     * unless the deployer's own config asks otherwise. Does nothing by default.
     *
     * <pre>{@code
     * public void removeApp(String app, Config config) {
     *     docker.removeImages("slipway/" + app);
     * }
     * }</pre>
     */
    default void removeApp(String app, Config config) {
    }

    /** Whether {@code artifact} can still be started (a rollback needs it); true by default. */
    default boolean artifactExists(Artifact artifact, Config config) {
        return true;
    }

    /**
     * Why {@code release} may no longer be the one {@link #start} started (its engine restarted
     * it, it is gone, the engine cannot be reached), so the health check that just ran on it is
     * not to be trusted; empty when nothing is known. Asked after a release's health check.
     * Empty by default.
     *
     * <pre>{@code
     * public Optional<String> disruption(Release release, Config config) {
     *     return docker.exists(release.id()) ? Optional.empty() : Optional.of("its container is gone");
     * }
     * }</pre>
     */
    default Optional<String> disruption(Release release, Config config) {
        return Optional.empty();
    }
}
