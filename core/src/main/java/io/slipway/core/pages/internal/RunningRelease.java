package io.slipway.core.pages.internal;

import io.slipway.core.pipeline.ActiveRelease;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.plugin.api.build.Artifact;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A release serving one environment of an app (the pipeline's active release), as its page
 * shows it.
 *
 * @param releaseId the deployer's id (a container id), shortened to 12 characters
 * @param image the artifact it runs, "—" when unknown
 * @param endpoint where the router reaches it ({@code 127.0.0.1:49153}), "—" when it has none
 * @param health the app's health check and its outcome at the switch
 */
public record RunningRelease(String environment, long deploymentId, String releaseId, String image, String endpoint,
                             String since, String sinceIso, String health) {
    public RunningRelease {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(releaseId, "releaseId");
    }

    /**
     * @param healthCheck the app's health checker id, when it has one
     */
    public static List<RunningRelease> of(String app, Jdbi jdbi, Pipeline pipeline, Optional<String> healthCheck) {
        Optional<Long> appId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = :name")
                .bind("name", app).mapTo(Long.class).findOne());
        if (appId.isEmpty()) {
            return List.of();
        }
        String health = healthCheck.map(c -> "passed (" + c + ") before traffic switched")
                .orElse("none chosen: live once started");
        return pipeline.traffic().activeOf(appId.get()).stream()
                .sorted(Comparator.comparing((ActiveRelease a) -> !a.environment().equals("production"))
                        .thenComparing(ActiveRelease::environment))
                .map(a -> of(a, pipeline.deployments().find(a.deploymentId()), health))
                .toList();
    }

    private static RunningRelease of(ActiveRelease a, Optional<Deployment> d, String health) {
        String id = a.release().id();
        return new RunningRelease(a.environment(), a.deploymentId(), id.length() > 12 ? id.substring(0, 12) : id,
                d.flatMap(Deployment::artifact).map(Artifact::reference).orElse("—"),
                a.release().endpoint().map(e -> e.host() + ":" + e.port()).orElse("—"),
                Times.shown(a.switchedAt()), Times.iso(a.switchedAt()), health);
    }
}
