package io.slipway.plugin.api.build;

import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Path;

/**
 * Turns fetched source into a runnable artifact (an image reference). Point id: {@code builder}.
 *
 * <p>Tags are reproducible ({@code slipway/<app>:<deployment>}, given as
 * {@link BuildRequest#imageTag()}); output goes to {@link StepContext#log()} line by line.
 *
 * <pre>{@code
 * @Extension
 * public final class DockerfileBuilder implements Builder {
 *     public String id() { return "dockerfile"; }
 *     public String displayName() { return "Dockerfile"; }
 *     public boolean detect(Path source) { return Files.exists(source.resolve("Dockerfile")); }
 *     public Artifact build(BuildRequest request, StepContext step) {
 *         ... docker build -t request.imageTag() ...
 *         return Artifact.of(request.imageTag());
 *     }
 * }
 * }</pre>
 */
public interface Builder extends SlipwayExtension {

    /** Whether this builder can build the source in {@code sourceDir}; must be quick and pure. */
    boolean detect(Path sourceDir);

    Artifact build(BuildRequest request, StepContext step);
}
