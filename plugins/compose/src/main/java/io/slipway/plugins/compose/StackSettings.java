package io.slipway.plugins.compose;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugins.docker.EngineAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code compose} deployer's settings.
 *
 * @param exposed the service:port pairs reachable through Slipway's router; the first answers at
 *     the app's host (and its domains)
 * @param mode {@code auto} (Swarm when the engine is a Swarm manager), {@code engine} or {@code swarm}
 * @param swarmPublish how Swarm publishes the exposed ports: {@code ingress} (the routing mesh, any
 *     node answers) or {@code host} (on the node running the task; for engines without a routing mesh)
 * @param removeVolumes whether deleting the app also deletes the stack's named volumes (its data)
 * @param stopGraceSeconds how long a stopping container gets before it is killed
 */
record StackSettings(List<Exposure> exposed, String mode, String swarmPublish, boolean removeVolumes,
                     int stopGraceSeconds) {
    static final String EXPOSE = "expose";
    private static final Pattern ONE = Pattern.compile("([a-zA-Z0-9][a-zA-Z0-9_.-]*):(\\d{1,5})");

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(EXPOSE).label("Exposed service:port").required(true)
                    .help("Which service and port the router sends the app's traffic to, e.g. web:80; more than one "
                            + "separated by commas (the first answers at the app's host)"),
            ConfigField.choice("mode", List.of("auto", "engine", "swarm")).label("Mode").defaultValue("auto")
                    .help("auto deploys as Swarm services when the engine is a Swarm manager"),
            ConfigField.choice("swarmPublish", List.of("ingress", "host")).label("Swarm publishing")
                    .defaultValue("ingress")
                    .help("ingress: Swarm's routing mesh; host: on the node running the task (no routing mesh needed)"),
            ConfigField.bool("removeVolumes").label("Remove volumes with the app").defaultValue("false")
                    .help("Named volumes hold data: they are kept when the app is deleted unless this is on"),
            ConfigField.number("stopGraceSeconds").label("Stop grace (s)").defaultValue("10")
                    .help("How long a stopping container gets before it is killed"),
            ConfigField.text(EngineAccess.HOST_FIELD).label("Docker host").pattern(EngineAccess.HOST_PATTERN)
                    .help("Overrides DOCKER_HOST for this stack"));

    /** One service:port the router reaches. */
    record Exposure(String service, int port) {
        @Override
        public String toString() {
            return service + ":" + port;
        }
    }

    static StackSettings from(Config config) {
        List<Exposure> exposed = new ArrayList<>();
        for (String part : config.text(EXPOSE).orElse("").split(",")) {
            Matcher m = ONE.matcher(part.trim());
            if (m.matches()) {
                exposed.add(new Exposure(m.group(1), Integer.parseInt(m.group(2))));
            }
        }
        return new StackSettings(exposed, config.text("mode").orElse("auto"), config.text("swarmPublish").orElse("ingress"),
                config.bool("removeVolumes").orElse(false), config.integer("stopGraceSeconds").orElse(10));
    }

    static List<FieldError> problems(Config config) {
        List<FieldError> errors = new ArrayList<>();
        for (String part : config.text(EXPOSE).orElse("").split(",")) {
            Matcher m = ONE.matcher(part.trim());
            if (!m.matches()) {
                errors.add(new FieldError(EXPOSE, "'" + part.trim() + "' is not service:port (e.g. web:80)"));
            } else if (Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                errors.add(new FieldError(EXPOSE, "port " + m.group(2) + " is out of range: use 1-65535"));
            }
        }
        int grace = config.integer("stopGraceSeconds").orElse(10);
        if (grace < 0 || grace > 600) {
            errors.add(new FieldError("stopGraceSeconds", "must be 0-600"));
        }
        return errors;
    }
}
