package io.slipway.plugins.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an image from the source's Dockerfile on the Docker engine, streaming the engine's
 * output into the deployment log. Builds queue for a slot ({@link BuildSlots}) and run with
 * memory and CPU limits, so a build cannot take the server down.
 */
@Extension
public final class DockerfileBuilder implements Builder {
    private static final Logger LOG = LoggerFactory.getLogger(DockerfileBuilder.class);

    private final EngineSettings defaults;
    private final BuildSlots slots;

    public DockerfileBuilder() {
        this(EngineSettings.fromEnvironment(System.getenv()), BuildSlots.shared());
    }

    DockerfileBuilder(EngineSettings defaults, BuildSlots slots) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    @Override
    public String id() {
        return "dockerfile";
    }

    @Override
    public String displayName() {
        return "Dockerfile";
    }

    @Override
    public ConfigSchema configSchema() {
        return DockerfileSettings.SCHEMA;
    }

    @Override
    public List<FieldError> validate(Config config) {
        return DockerfileSettings.problems(config);
    }

    @Override
    public ConnectionCheck testConnection(Config config) {
        return EngineCheck.test(defaults.forConfig(config));
    }

    @Override
    public boolean detect(Path sourceDir) {
        return Files.isRegularFile(sourceDir.resolve("Dockerfile"));
    }

    @Override
    public Artifact build(BuildRequest request, StepContext step) {
        List<FieldError> problems = DockerfileSettings.problems(request.config());
        if (!problems.isEmpty()) {
            throw new StepFailedException("The Dockerfile builder's settings are invalid: " + problems.stream()
                    .map(e -> "'" + e.field() + "' " + e.message()).collect(Collectors.joining("; ")));
        }
        DockerfileSettings settings = DockerfileSettings.from(request.config());
        BuildInputs inputs = BuildInputs.locate(request.sourceDir(), settings);
        step.cancellation().throwIfCancelled();
        try (BuildSlots.Slot slot = slots.acquire(step);
             DockerEngine engine = DockerEngine.open(defaults.forConfig(request.config()))) {
            engine.call(c -> c.pingCmd().exec());
            step.log().line("Building " + request.imageTag() + " on Docker at " + engine.host() + " (Dockerfile "
                    + settings.dockerfile() + ", context " + settings.context() + ", limits " + settings.memoryMb()
                    + " MB, " + settings.cpus() + " CPU)");
            String dockerfile = dockerfileText(request, settings, inputs);
            BuildOutput output;
            try {
                output = run(engine, request, settings, inputs, dockerfile, step);
            } catch (StepFailedException e) {
                if (!lostCachedImage(e) || step.cancellation().isCancelled()) {
                    throw e;
                }
                step.log().line("An image the engine looked at for cached layers was removed meanwhile (another"
                        + " app's, deleted or pruned during this build): building once more.");
                output = run(engine, request, settings, inputs, dockerfile, step);
            }
            if (step.cancellation().isCancelled()) {
                removeQuietly(engine, request.imageTag());
                throw new StepCancelledException("The build was cancelled.");
            }
            String imageId = output.imageId().orElseThrow(() -> new StepFailedException(
                    "The engine ended the build without an image for " + request.imageTag() + ": see the log above"));
            return artifact(engine, request.imageTag(), imageId);
        }
    }

    /**
     * The Dockerfile the engine gets: the source's with the labels in one appended LABEL
     * instruction, unless a target stage is built (the appended line would label the last stage,
     * not the target; the labels then go as build parameters).
     */
    private static String dockerfileText(BuildRequest request, DockerfileSettings settings, BuildInputs inputs) {
        try {
            String source = Files.readString(inputs.dockerfile(), StandardCharsets.UTF_8);
            return settings.target().isPresent() ? source : LabelInstruction.append(source, request.labels());
        } catch (IOException e) {
            throw new StepFailedException("Could not read the Dockerfile " + inputs.dockerfile() + ": " + e.getMessage(), e);
        }
    }

    private static BuildImageCmd command(DockerEngine engine, BuildRequest request, DockerfileSettings settings,
                                         InputStream context) {
        BuildImageCmd cmd = engine.client().buildImageCmd()
                .withTarInputStream(context)
                .withDockerfilePath(BuildContext.DOCKERFILE)
                .withTags(Set.of(request.imageTag()))
                .withNoCache(settings.noCache())
                .withRemove(true)
                .withForcerm(true) // intermediate containers go even when a step fails
                .withMemory(settings.memoryBytes())
                .withCpushares(settings.cpuShares());
        settings.target().ifPresent(target -> cmd.withTarget(target).withLabels(new HashMap<>(request.labels())));
        request.buildEnv().forEach(cmd::withBuildArg);
        return cmd;
    }

    /** One build, the context packed as the engine reads it; a packing failure wins over what the engine made of it. */
    private static BuildOutput run(DockerEngine engine, BuildRequest request, DockerfileSettings settings,
                                   BuildInputs inputs, String dockerfile, StepContext step) {
        BuildContext.Packed tar = BuildContext.stream(inputs, dockerfile);
        try (tar) {
            return run(engine, command(engine, request, settings, tar), step);
        } catch (IOException | RuntimeException e) {
            Optional<Exception> packing = tar.failure();
            if (packing.isPresent()) {
                throw new StepFailedException("Could not pack the build context " + inputs.context() + ": "
                        + packing.get().getMessage(), packing.get());
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new StepFailedException("Could not send the build context: " + e.getMessage(), e);
        }
    }

    /**
     * The legacy builder looks for a cached layer among every image built on the same parent, any
     * app's; one removed at that moment (an app deleted, old images pruned) fails the step with
     * {@code unable to find image "sha256:..."}: the engine's race, not the build's fault. Seen
     * with 50 apps deploying while others were deleted on the same engine.
     */
    static boolean lostCachedImage(StepFailedException e) {
        return e.getMessage() != null && e.getMessage().contains("unable to find image \"sha256:");
    }

    /** Whether the engine stops answering within 3 s: a step killed (137) as the engine shuts down, not by itself. */
    private static boolean engineGoesAway(DockerEngine engine) {
        for (int i = 0; i < 15; i++) {
            try {
                engine.client().pingCmd().exec();
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (RuntimeException gone) {
                return true;
            }
        }
        return false;
    }

    private static BuildOutput run(DockerEngine engine, BuildImageCmd cmd, StepContext step) {
        BuildOutput output = new BuildOutput(step.log());
        EngineRestarts restarts = EngineRestarts.watch(engine.client());
        try {
            cmd.exec(output);
        } catch (RuntimeException e) {
            throw engine.translate(e);
        }
        // Closing the stream makes the engine cancel the build (it watches the client connection).
        step.cancellation().onCancel(() -> closeQuietly(output));
        try {
            output.awaitCompletion();
        } catch (InterruptedException e) {
            closeQuietly(output);
            Thread.currentThread().interrupt();
            throw new StepFailedException("Interrupted while building");
        } catch (RuntimeException e) {
            if (step.cancellation().isCancelled()) {
                return output;
            }
            if (output.error().isEmpty()) {
                throw engine.translate(e);
            }
        }
        if (!step.cancellation().isCancelled() && output.error().isPresent()) {
            String failed = "The build failed" + output.lastStep().map(s -> " at " + s).orElse("") + ": "
                    + output.error().get();
            if (output.error().get().contains("non-zero code: 137")
                    && (restarts.happened(engine.client()) || engineGoesAway(engine))) {
                // An engine that stops first kills the build's container: that reads like a failed step.
                // The step's failure may arrive as the engine stops, or only once it is back.
                throw new StepFailedException(failed + ". The Docker engine at " + engine.host()
                        + " stopped during the build (restarted?): deploy again once it answers.");
            }
            throw new StepFailedException(failed);
        }
        return output;
    }

    private static Artifact artifact(DockerEngine engine, String tag, String imageId) {
        InspectImageResponse image = engine.call(c -> c.inspectImageCmd(tag).exec());
        Map<String, String> metadata = new HashMap<>();
        metadata.put("imageId", image.getId() == null ? imageId : image.getId());
        if (image.getSize() != null) {
            metadata.put("size", (image.getSize() / (1024 * 1024)) + " MB");
        }
        return new Artifact(tag, metadata);
    }

    private static void removeQuietly(DockerEngine engine, String tag) {
        try {
            engine.client().removeImageCmd(tag).exec();
        } catch (NotFoundException e) {
            // Cancelled before tagging: nothing to remove.
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the image {} of a cancelled build: {}", tag, e.getMessage());
        }
    }

    private static void closeQuietly(BuildOutput output) {
        try {
            output.close();
        } catch (IOException e) {
            LOG.debug("Closing the build stream failed: {}", e.getMessage());
        }
    }
}
