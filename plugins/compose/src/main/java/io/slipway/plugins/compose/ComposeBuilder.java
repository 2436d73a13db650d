package io.slipway.plugins.compose;

import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugins.docker.DockerfileBuilder;
import io.slipway.plugins.docker.EngineAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Reads the stack's compose file (from the source, or pasted in), checks it, and builds the image
 * of every service with a {@code build:} section with the docker plugin's Dockerfile builder
 * (tagged {@code slipway/<app>-<service>:<deployment>}). The artifact carries the file and the
 * images to the compose deployer.
 */
@Extension
public final class ComposeBuilder implements Builder {
    private final Builder dockerfile;
    private final ImageRetention retention;
    private final EnvFileVault vault;

    public ComposeBuilder(PluginContext context) {
        this(new DockerfileBuilder(), new ImageRetention(EngineAccess.fromEnvironment(), ImageRetention.KEEP),
                new EnvFileVault(context.secrets()));
    }

    ComposeBuilder(Builder dockerfile, ImageRetention retention, EnvFileVault vault) {
        this.dockerfile = dockerfile;
        this.retention = retention;
        this.vault = vault;
    }

    @Override
    public String id() {
        return "compose";
    }

    @Override
    public String displayName() {
        return "Compose stack";
    }

    @Override
    public ConfigSchema configSchema() {
        return SourceSettings.SCHEMA;
    }

    @Override
    public List<FieldError> validate(Config config) {
        return SourceSettings.problems(config);
    }

    @Override
    public boolean detect(Path sourceDir) {
        return List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml").stream()
                .anyMatch(f -> Files.isRegularFile(sourceDir.resolve(f)));
    }

    @Override
    public Artifact build(BuildRequest request, io.slipway.plugin.api.step.StepContext step) {
        SourceSettings settings = SourceSettings.from(request.config());
        Path source = request.sourceDir().toAbsolutePath().normalize();
        String yaml = settings.content().orElseGet(() -> read(source, settings.file(), "compose file"));
        Map<String, String> envFiles = new HashMap<>();
        ComposeFile file = ComposeParser.parse(yaml, request.buildEnv(), false, path -> {
            String content = read(source, path, "env file");
            envFiles.put(path, content);
            return Optional.of(content);
        });
        Safety.check(file, settings.allowed());
        file.warnings().forEach(w -> step.log().line("Warning: " + w));
        String tag = request.imageTag();
        int colon = tag.lastIndexOf(':');
        Map<String, String> images = new HashMap<>();
        for (String name : file.built()) {
            step.cancellation().throwIfCancelled();
            ServiceSpec.BuildSpec b = file.services().get(name).build().orElseThrow();
            String imageTag = tag.substring(0, colon) + "-" + name.toLowerCase(java.util.Locale.ROOT)
                    + tag.substring(colon);
            Map<String, Object> cfg = new HashMap<>();
            String context = b.context().equals(".") ? "." : b.context().replaceAll("/+$", "");
            if (!Files.isDirectory(source.resolve(context).normalize())) {
                throw new InvalidComposeException("services." + name + ".build", "Service '" + name + "' builds from '"
                        + context + "', which is not in the source"
                        + (settings.content().isPresent() ? ": a pasted compose file can only use ready images; "
                        + "give the stack a repository to build from." : ": add the folder or fix 'build.context'."));
            }
            cfg.put("context", context);
            cfg.put("dockerfile", context.equals(".") ? b.dockerfile() : context + "/" + b.dockerfile());
            b.target().ifPresent(t -> cfg.put("target", t));
            request.config().text("dockerHost").ifPresent(h -> cfg.put("dockerHost", h));
            Config dockerConfig = dockerfile.configSchema().parse(cfg);
            List<FieldError> problems = dockerfile.validate(dockerConfig);
            if (!problems.isEmpty()) {
                throw new InvalidComposeException("services." + name + ".build", "The build of service '" + name
                        + "' is not usable: " + problems.get(0).field() + " " + problems.get(0).message());
            }
            step.log().line("Building service " + name + " as " + imageTag);
            // Only stable labels: an unchanged service then builds to the same image id (the engine's
            // cache), so its config hash is unchanged and a redeploy keeps its containers.
            Map<String, String> labels = new HashMap<>(request.labels());
            labels.remove(EngineAccess.DEPLOYMENT_LABEL);
            labels.remove("slipway.revision");
            labels.put(ContainerLabels.SERVICE, name);
            dockerfile.build(new BuildRequest(dockerConfig, source, imageTag, b.args(), labels), step);
            images.put(name, imageTag);
            retention.prune(request.config(), tag.substring(0, colon) + "-" + name.toLowerCase(java.util.Locale.ROOT),
                    step);
        }
        step.log().line("Stack of " + file.services().size() + " services ready; built " + images.size() + " image(s)");
        // Sealed only now, when the build succeeded: a failed build leaves nothing in the secret store.
        Map<String, String> envFileRefs = new HashMap<>();
        envFiles.forEach((path, content) -> envFileRefs.put(path, vault.seal(content)));
        return new StackArtifact(yaml, images, envFileRefs, settings.allowed()).toArtifact(tag);
    }

    private static String read(Path source, String relative, String what) {
        Path path = source.resolve(relative).normalize();
        if (!path.startsWith(source) || relative.startsWith("/")) {
            throw new InvalidComposeException("file", "The " + what + " '" + relative + "' is outside the source: use"
                    + " a path inside the repository.");
        }
        try {
            if (!path.toRealPath().startsWith(source.toRealPath())) {
                throw new InvalidComposeException("file", "The " + what + " '" + relative + "' links outside the "
                        + "source: remove the symbolic link.");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepFailedException("No " + what + " at '" + relative + "' in the source: add it, or set the "
                    + "stack's compose file path.", e);
        }
    }
}
