package io.slipway.plugins.docker;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code docker} deployer's settings.
 *
 * @param port the port the app listens on inside its container
 * @param restartPolicy Docker's restart policy name
 * @param memoryMb the container's memory limit
 * @param cpus the container's CPU limit
 * @param volumes named volumes to mount
 * @param stopGraceSeconds how long a retired container gets to stop before it is killed
 * @param keepImages how many of the app's newest images to keep for rollback
 */
record DeploySettings(int port, String restartPolicy, long memoryMb, double cpus, List<VolumeMount> volumes,
                      int stopGraceSeconds, int keepImages) {

    static final List<String> RESTART_POLICIES = List.of("unless-stopped", "always", "on-failure", "no");

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.number("port").label("Container port").required(true)
                    .help("The port the app listens on inside its container"),
            ConfigField.choice("restartPolicy", RESTART_POLICIES).label("Restart policy").defaultValue("unless-stopped")
                    .help("What the engine does when the container stops on its own"),
            ConfigField.number("memoryMb").label("Memory limit (MB)").defaultValue("1024")
                    .help("Memory the container may use; past it the app is stopped"),
            ConfigField.number("cpus").label("CPUs").defaultValue("1.0").help("CPU time the container may use, in CPUs"),
            ConfigField.multiline("volumes").label("Volumes")
                    .help("One per line: name:/path/in/container; kept across releases, named slipway-<app>-<name>"),
            ConfigField.number("stopGraceSeconds").label("Stop grace (s)").defaultValue("10")
                    .help("How long a retired release gets to stop before it is killed"),
            ConfigField.number("keepImages").label("Images kept").defaultValue("5")
                    .help("How many of the app's newest images to keep for rollback"),
            ConfigField.text(EngineSettings.HOST_FIELD).label("Docker host").pattern(EngineSettings.HOST_PATTERN)
                    .help("Overrides DOCKER_HOST for this app: unix:///var/run/docker.sock or tcp://host:2376"));

    /** The settings of a config that passed {@link #problems}. */
    static DeploySettings from(Config config) {
        return new DeploySettings(
                config.integer("port").orElse(0),
                config.text("restartPolicy").orElse("unless-stopped"),
                config.longValue("memoryMb").orElse(1024L),
                config.number("cpus").map(Number::doubleValue).orElse(1.0),
                VolumeMount.parseAll(config.text("volumes").orElse("")),
                config.integer("stopGraceSeconds").orElse(10),
                config.integer("keepImages").orElse(5));
    }

    static List<FieldError> problems(Config config) {
        List<FieldError> errors = new ArrayList<>();
        double port = config.number("port").map(Number::doubleValue).orElse(0.0);
        if (port != Math.rint(port) || port < 1 || port > 65535) {
            errors.add(new FieldError("port", "must be a whole number between 1 and 65535"));
        }
        range(config, "memoryMb", 6, 1_048_576, errors);
        range(config, "stopGraceSeconds", 0, 600, errors);
        range(config, "keepImages", 1, 100, errors);
        double cpus = config.number("cpus").map(Number::doubleValue).orElse(1.0);
        if (!(cpus >= 0.01 && cpus <= 256)) {
            errors.add(new FieldError("cpus", "must be between 0.01 and 256"));
        }
        VolumeMount.problems(config.text("volumes").orElse("")).forEach(p -> errors.add(new FieldError("volumes", p)));
        return errors;
    }

    private static void range(Config config, String field, long min, long max, List<FieldError> errors) {
        double v = config.number(field).map(Number::doubleValue).orElse((double) min);
        if (v != Math.rint(v) || v < min || v > max) {
            errors.add(new FieldError(field, "must be a whole number between " + min + " and " + max));
        }
    }

    long memoryBytes() {
        return memoryMb * 1024 * 1024;
    }

    long nanoCpus() {
        return Math.round(cpus * 1_000_000_000L);
    }
}
