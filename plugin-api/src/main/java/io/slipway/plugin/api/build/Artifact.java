package io.slipway.plugin.api.build;

import java.util.Map;
import java.util.Objects;

/**
 * What a build produced: a reference a deployer can start (an image tag or digest), plus facts to
 * show (size, digest). Stored with the deployment so redeploy and rollback reuse it.
 *
 * <pre>{@code
 * return new Artifact("slipway/web:42", Map.of("digest", "sha256:…", "size", "48MB"));
 * }</pre>
 */
public record Artifact(String reference, Map<String, String> metadata) {
    public Artifact {
        Objects.requireNonNull(reference, "reference");
        metadata = Map.copyOf(metadata);
    }

    public static Artifact of(String reference) {
        return new Artifact(reference, Map.of());
    }
}
