package io.slipway.core.pipeline;

import io.slipway.plugin.api.deploy.Release;
import java.time.Instant;
import java.util.Objects;

/** The release serving an app+environment: what the router sends traffic to. */
public record ActiveRelease(long appId, String environment, long deploymentId, Release release, Instant switchedAt) {
    public ActiveRelease {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(switchedAt, "switchedAt");
    }
}
