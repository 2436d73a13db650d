package io.slipway.core.deployments;

import java.util.Optional;

/**
 * {@code POST /api/v1/apps/{app}/deployments} (and {@code .../redeploy}): both fields optional.
 *
 * @param ref branch, tag or commit; the source's default when absent
 * @param environment {@code production} when absent
 */
public record DeploymentRequestBody(String ref, String environment) {
    public Optional<String> refValue() {
        return Optional.ofNullable(ref);
    }

    public Optional<String> environmentValue() {
        return Optional.ofNullable(environment);
    }
}
