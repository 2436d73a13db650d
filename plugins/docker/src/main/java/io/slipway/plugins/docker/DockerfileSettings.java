package io.slipway.plugins.docker;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dockerfile} builder's settings.
 *
 * @param dockerfile the Dockerfile, relative to the source folder
 * @param context the build context folder, relative to the source folder
 * @param target the stage of a multi-stage Dockerfile to build, when not the last
 * @param noCache build every step again instead of reusing cached layers
 * @param memoryMb the build's memory limit
 * @param cpus the build's CPU share, in CPUs
 */
record DockerfileSettings(String dockerfile, String context, Optional<String> target, boolean noCache,
                          long memoryMb, double cpus) {

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text("dockerfile").label("Dockerfile").defaultValue("Dockerfile")
                    .help("Path of the Dockerfile, relative to the source folder"),
            ConfigField.text("context").label("Context folder").defaultValue(".")
                    .help("Folder sent to the engine as the build context, relative to the source folder"),
            ConfigField.text("target").label("Target stage").pattern("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
                    .help("Stage of a multi-stage Dockerfile to build; the last one when empty"),
            ConfigField.bool("noCache").label("No cache").defaultValue("false")
                    .help("Build every step again instead of reusing cached layers"),
            ConfigField.number("memoryMb").label("Memory limit (MB)").defaultValue("2048")
                    .help("Memory a build may use; a build past it is stopped"),
            ConfigField.number("cpus").label("CPUs").defaultValue("1.0")
                    .help("CPU share of a build, in CPUs"),
            ConfigField.text(EngineSettings.HOST_FIELD).label("Docker host").pattern(EngineSettings.HOST_PATTERN)
                    .help("Overrides DOCKER_HOST for this app: unix:///var/run/docker.sock or tcp://host:2376"));

    static DockerfileSettings from(Config config) {
        return new DockerfileSettings(
                config.text("dockerfile").orElse("Dockerfile"),
                config.text("context").orElse("."),
                config.text("target").filter(t -> !t.isBlank()),
                config.bool("noCache").orElse(false),
                config.longValue("memoryMb").orElse(2048L),
                config.number("cpus").map(Number::doubleValue).orElse(1.0));
    }

    /** Checks the schema cannot express: safe paths, the Dockerfile inside the context, sane limits. */
    static List<FieldError> problems(Config config) {
        DockerfileSettings s = from(config);
        List<FieldError> errors = new ArrayList<>();
        RelativePath.problem(s.dockerfile()).ifPresent(p -> errors.add(new FieldError("dockerfile", p)));
        RelativePath.problem(s.context()).ifPresent(p -> errors.add(new FieldError("context", p)));
        if (errors.isEmpty()) {
            Path root = Path.of("/source");
            if (!RelativePath.under(root, s.dockerfile()).startsWith(RelativePath.under(root, s.context()))) {
                errors.add(new FieldError("dockerfile", "must be inside the context folder '" + s.context() + "'"));
            }
        }
        if (s.memoryMb() < 64 || s.memoryMb() > 1_048_576) {
            errors.add(new FieldError("memoryMb", "must be between 64 and 1048576"));
        }
        if (!(s.cpus() >= 0.1 && s.cpus() <= 256)) {
            errors.add(new FieldError("cpus", "must be between 0.1 and 256"));
        }
        return errors;
    }

    long memoryBytes() {
        return memoryMb * 1024 * 1024;
    }

    /**
     * The engine's relative CPU weight for {@link #cpus()} (1024 per CPU). docker-java's build
     * command exposes no CPU quota, so a share is the limit builds get.
     */
    String cpuShares() {
        return Long.toString(Math.max(2, Math.round(cpus * 1024)));
    }
}
