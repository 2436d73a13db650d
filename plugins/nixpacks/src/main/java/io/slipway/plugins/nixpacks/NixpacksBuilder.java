package io.slipway.plugins.nixpacks;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildPlan;
import io.slipway.plugin.api.build.BuildPlanner;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.build.PlanRejectedException;
import io.slipway.plugin.api.build.PlanRequest;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.step.ProcessResult;
import io.slipway.plugin.api.step.ProcessSpec;
import io.slipway.plugin.api.step.StepContext;
import io.slipway.plugins.docker.DockerfileBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Builds apps that have no Dockerfile. With {@code nixpacks} installed on the server it runs
 * {@code nixpacks build}; otherwise the built-in {@link Planner} makes a plan, the plan becomes a
 * Dockerfile (written to the deployment log) and the docker plugin's builder builds it, with its
 * slots, limits, labels and log streaming.
 */
@Extension
public final class NixpacksBuilder implements Builder, BuildPlanner {
    /** The generated Dockerfile, in the source folder (the build context). */
    static final String DOCKERFILE = ".slipway-nixpacks.Dockerfile";

    private final Planner planner = new Planner();
    private final DockerfileBuilder docker;
    private final Optional<Path> cli;

    public NixpacksBuilder() {
        this(new DockerfileBuilder(), NixpacksCli.find(System.getenv("PATH")));
    }

    NixpacksBuilder(DockerfileBuilder docker, Optional<Path> cli) {
        this.docker = docker;
        this.cli = cli;
    }

    @Override
    public String id() {
        return "nixpacks";
    }

    @Override
    public String displayName() {
        return "Nixpacks (no Dockerfile needed)";
    }

    @Override
    public ConfigSchema configSchema() {
        return NixpacksSettings.SCHEMA;
    }

    @Override
    public List<FieldError> validate(Config config) {
        return NixpacksSettings.problems(config);
    }

    @Override
    public boolean detect(Path sourceDir) {
        SourceFiles files = new SourceFiles(sourceDir.toAbsolutePath().normalize());
        return files.hasAny("nixpacks.toml", "nixpacks.json") || Planner.PROVIDERS.stream().anyMatch(p -> p.detect(files));
    }

    @Override
    public BuildPlan plan(PlanRequest request) {
        return planner.plan(request.sourceDir(), request.env(), NixpacksSettings.from(request.config())).plan();
    }

    @Override
    public Artifact build(BuildRequest request, StepContext step) {
        NixpacksSettings settings = NixpacksSettings.from(request.config());
        if (cli.isPresent() && settings.cli().equals("auto")) {
            return buildWithCli(cli.get(), request, step);
        }
        NixpacksPlan generated;
        String dockerfile;
        try {
            generated = planner.plan(request.sourceDir(), request.buildEnv(), settings);
            dockerfile = DockerfileWriter.write(generated, request.buildEnv().keySet(), DOCKERFILE);
        } catch (PlanRejectedException e) {
            throw new StepFailedException(e.getMessage(), e);
        }
        BuildPlan plan = generated.plan();
        step.log().line("Plan: providers " + plan.providers() + ", image " + plan.buildImage() + ", phases "
                + plan.phases().stream().map(p -> p.name() + " " + p.commands()).toList() + ", start "
                + plan.startCommand().orElse("(the image's own)"));
        step.log().line("Generated Dockerfile (" + DOCKERFILE + "):");
        dockerfile.lines().forEach(l -> step.log().line("  | " + l));
        generated.assets().forEach((name, text) -> {
            step.log().line("Generated " + DockerfileWriter.ASSETS + "/" + name + ":");
            text.lines().forEach(l -> step.log().line("  | " + l));
        });
        try {
            GeneratedFiles.write(request.sourceDir(), DOCKERFILE, dockerfile);
            for (Map.Entry<String, String> asset : generated.assets().entrySet()) {
                GeneratedFiles.write(request.sourceDir(), DockerfileWriter.CONTEXT_ASSETS + "/" + asset.getKey(),
                        asset.getValue());
            }
        } catch (IOException e) {
            throw new StepFailedException("Could not write the generated Dockerfile and its files into the source "
                    + "folder: " + e.getMessage(), e);
        }
        Map<String, Object> dockerConfig = new HashMap<>();
        dockerConfig.put("dockerfile", DOCKERFILE);
        dockerConfig.put("context", ".");
        settings.dockerHost().ifPresent(h -> dockerConfig.put("dockerHost", h));
        return docker.build(new BuildRequest(new Config(dockerConfig), request.sourceDir(), request.imageTag(),
                request.buildEnv(), request.labels()), step);
    }

    private static Artifact buildWithCli(Path program, BuildRequest request, StepContext step) {
        List<String> command = NixpacksCli.buildCommand(program, request.sourceDir(), request.imageTag(),
                request.buildEnv(), request.labels());
        step.log().line("Running " + program + " build (nixpacks is installed on the server)");
        Duration left = Duration.between(Instant.now(), step.deadline());
        ProcessResult result = step.processes().run(ProcessSpec.of(command, request.sourceDir())
                .withTimeout(left.isNegative() ? Duration.ofSeconds(1) : left), step);
        if (!result.succeeded()) {
            throw new StepFailedException("nixpacks build exited with " + result.exitCode() + ": see the log above.");
        }
        return Artifact.of(request.imageTag());
    }
}
