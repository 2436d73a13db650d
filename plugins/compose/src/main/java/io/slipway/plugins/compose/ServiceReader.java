package io.slipway.plugins.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.plugins.compose.ServiceSpec.Condition;
import io.slipway.plugins.compose.ServiceSpec.Dependency;
import io.slipway.plugins.compose.ServiceSpec.MountSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Reads one service of an (interpolated) compose file. */
final class ServiceReader {
    private static final Set<String> KNOWN = Set.of("image", "build", "command", "entrypoint", "environment",
            "env_file", "ports", "expose", "volumes", "networks", "depends_on", "healthcheck", "labels", "restart",
            "deploy", "privileged", "network_mode", "pid", "cap_add", "devices", "container_name", "hostname");
    private static final Set<String> RESTART = Set.of("no", "always", "on-failure", "unless-stopped");

    private final String name;
    private final JsonNode node;
    private final Map<String, String> appEnv;
    private final Function<String, Optional<String>> envFiles;
    private final List<String> warnings;

    ServiceReader(String name, JsonNode node, Map<String, String> appEnv, Function<String, Optional<String>> envFiles,
                  List<String> warnings) {
        this.name = name;
        this.node = node;
        this.appEnv = appEnv;
        this.envFiles = envFiles;
        this.warnings = warnings;
    }

    ServiceSpec read() {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}")) {
            throw invalid("", "'" + name + "' is not a usable service name: use letters, digits, '_', '.', '-'.");
        }
        if (!node.isObject()) {
            throw invalid("", "Service '" + name + "' must be a mapping (image:, build:, ...).");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KNOWN.contains(k) && !k.startsWith("x-")) {
                warnings.add("Service '" + name + "': the key '" + k + "' is not supported and was ignored.");
            }
        });
        Optional<String> image = ComposeParser.text(node.path("image"));
        Optional<ServiceSpec.BuildSpec> build = build(node.path("build"));
        if (image.isEmpty() && build.isEmpty()) {
            throw invalid("image", "Service '" + name + "' has neither 'image' nor 'build': give it one of them.");
        }
        JsonNode deploy = node.path("deploy");
        int replicas = deploy.path("replicas").asInt(1);
        if (replicas < 0 || replicas > 100) {
            throw invalid("deploy.replicas", "Service '" + name + "' asks for " + replicas + " replicas: use 0-100.");
        }
        String restart = node.path("restart").asText("no");
        if (!RESTART.contains(restart.replaceAll(":\\d+$", ""))) {
            throw invalid("restart", "'" + restart + "' is not a restart policy: use no, always, on-failure or "
                    + "unless-stopped.");
        }
        return new ServiceSpec(name, image, build, words(node.path("command")), words(node.path("entrypoint")),
                environment(), ports(), expose(), mounts(), networks(), dependsOn(), healthcheck(),
                map(node.path("labels"), "labels"), restart, replicas, resources(deploy.path("resources")),
                update(deploy.path("update_config")), privileges());
    }

    private Optional<ServiceSpec.BuildSpec> build(JsonNode b) {
        if (b.isMissingNode() || b.isNull()) {
            return Optional.empty();
        }
        if (b.isTextual()) {
            return Optional.of(new ServiceSpec.BuildSpec(b.asText(), "Dockerfile", Map.of(), Optional.empty()));
        }
        return Optional.of(new ServiceSpec.BuildSpec(b.path("context").asText("."), b.path("dockerfile")
                .asText("Dockerfile"), map(b.path("args"), "build.args"), ComposeParser.text(b.path("target"))));
    }

    /** A string is split on spaces (Compose's simple form); a list is taken as it is. */
    private static List<String> words(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n.isValueNode() && !n.isNull()) {
            for (String w : n.asText().trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private TreeMap<String, String> environment() {
        TreeMap<String, String> env = new TreeMap<>();
        List<String> files = new ArrayList<>();
        JsonNode ef = node.path("env_file");
        if (ef.isArray()) {
            ef.forEach(f -> files.add(f.isObject() ? f.path("path").asText() : f.asText()));
        } else if (ef.isValueNode() && !ef.isNull()) {
            files.add(ef.asText());
        }
        for (String f : files) {
            String content = envFiles.apply(f).orElseThrow(() -> invalid("env_file", "Service '" + name
                    + "' reads the env file '" + f + "', which is not in the source: add it or remove the entry."));
            content.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    env.put(l.substring(0, eq).strip(), unquote(l.substring(eq + 1).strip()));
                }
            });
        }
        env.putAll(map(node.path("environment"), "environment"));
        return env;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
                ? v.substring(1, v.length() - 1) : v;
    }

    /** A mapping, or a list of {@code KEY=value} (a bare {@code KEY} takes the app's variable). */
    private TreeMap<String, String> map(JsonNode n, String field) {
        TreeMap<String, String> out = new TreeMap<>();
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull()
                    ? appEnv.getOrDefault(e.getKey(), "") : e.getValue().asText()));
        } else if (n.isArray()) {
            n.forEach(v -> {
                String s = v.asText();
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? appEnv.getOrDefault(s, "") : s.substring(eq + 1));
            });
        } else if (!n.isMissingNode() && !n.isNull()) {
            throw invalid(field, "'" + field + "' of service '" + name + "' must be a mapping or a list of KEY=value.");
        }
        return out;
    }

    private List<ServiceSpec.PortSpec> ports() {
        List<ServiceSpec.PortSpec> out = new ArrayList<>();
        node.path("ports").forEach(p -> out.add(Values.portSpec(field("ports"), p)));
        return out;
    }

    private List<Integer> expose() {
        List<Integer> out = new ArrayList<>();
        node.path("expose").forEach(p -> out.add(Values.port(field("expose"), p.asText().replace("/tcp", ""))));
        return out;
    }

    private List<MountSpec> mounts() {
        List<MountSpec> out = new ArrayList<>();
        for (JsonNode v : node.path("volumes")) {
            if (v.isObject()) {
                out.add(new MountSpec(v.path("type").asText("volume"), v.path("source").asText(""),
                        v.path("target").asText(""), v.path("read_only").asBoolean(false)));
                continue;
            }
            String[] parts = v.asText().split(":");
            if (parts.length == 1) {
                out.add(new MountSpec("volume", "", parts[0], false));
            } else {
                String source = parts[0];
                boolean bind = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
                out.add(new MountSpec(bind ? "bind" : "volume", source, parts[1],
                        parts.length > 2 && parts[2].contains("ro")));
            }
        }
        for (MountSpec m : out) {
            if (!m.target().startsWith("/")) {
                throw invalid("volumes", "Service '" + name + "' mounts at '" + m.target() + "': the target must be"
                        + " an absolute path in the container.");
            }
        }
        return out;
    }

    private List<String> networks() {
        List<String> out = new ArrayList<>();
        JsonNode n = node.path("networks");
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n.isObject()) {
            n.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    private List<Dependency> dependsOn() {
        List<Dependency> out = new ArrayList<>();
        JsonNode n = node.path("depends_on");
        if (n.isArray()) {
            n.forEach(v -> out.add(new Dependency(v.asText(), Condition.SERVICE_STARTED)));
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                String text = e.getValue().path("condition").asText("service_started");
                Condition c = Condition.parse(text).orElseThrow(() -> invalid("depends_on", "'" + text
                        + "' is not a depends_on condition: use service_started, service_healthy or "
                        + "service_completed_successfully."));
                out.add(new Dependency(e.getKey(), c));
            });
        } else if (!n.isMissingNode() && !n.isNull()) {
            throw invalid("depends_on", "'depends_on' of service '" + name + "' must be a list or a mapping.");
        }
        return out;
    }

    private Optional<ServiceSpec.Healthcheck> healthcheck() {
        JsonNode h = node.path("healthcheck");
        if (!h.isObject() || h.path("disable").asBoolean(false)) {
            return h.path("disable").asBoolean(false)
                    ? Optional.of(new ServiceSpec.Healthcheck(List.of("NONE"), Duration.ZERO, Duration.ZERO, 0,
                    Duration.ZERO)) : Optional.empty();
        }
        List<String> test = new ArrayList<>();
        JsonNode t = h.path("test");
        if (t.isArray()) {
            t.forEach(v -> test.add(v.asText()));
        } else if (t.isTextual()) {
            test.add("CMD-SHELL");
            test.add(t.asText());
        } else {
            throw invalid("healthcheck.test", "The healthcheck of service '" + name + "' has no 'test'.");
        }
        return Optional.of(new ServiceSpec.Healthcheck(test, duration(h, "interval", "30s"),
                duration(h, "timeout", "30s"), h.path("retries").asInt(3), duration(h, "start_period", "0s")));
    }

    private Duration duration(JsonNode h, String key, String fallback) {
        return Values.duration(field("healthcheck." + key), h.path(key).asText(fallback));
    }

    private ServiceSpec.Resources resources(JsonNode r) {
        JsonNode limits = r.path("limits");
        long memory = ComposeParser.text(limits.path("memory")).map(m -> Values.bytes(field("deploy.resources"), m))
                .orElse(0L);
        long cpus = ComposeParser.text(limits.path("cpus")).map(c -> {
            try {
                return (long) (Double.parseDouble(c) * 1e9);
            } catch (NumberFormatException e) {
                throw invalid("deploy.resources", "'" + c + "' is not a number of CPUs: write e.g. 0.5.");
            }
        }).orElse(0L);
        return new ServiceSpec.Resources(memory, cpus);
    }

    private ServiceSpec.UpdatePolicy update(JsonNode u) {
        if (!u.isObject()) {
            return ServiceSpec.UpdatePolicy.DEFAULT;
        }
        return new ServiceSpec.UpdatePolicy(u.path("parallelism").asInt(1),
                Values.duration(field("deploy.update_config.delay"), u.path("delay").asText("0s")),
                u.path("order").asText("stop-first"), u.path("failure_action").asText("pause"));
    }

    private ServiceSpec.Privileges privileges() {
        List<String> caps = new ArrayList<>();
        node.path("cap_add").forEach(c -> caps.add(c.asText()));
        List<String> devices = new ArrayList<>();
        node.path("devices").forEach(d -> devices.add(d.isObject() ? d.path("source").asText() : d.asText()));
        return new ServiceSpec.Privileges(node.path("privileged").asBoolean(false),
                ComposeParser.text(node.path("network_mode")), ComposeParser.text(node.path("pid")), caps, devices);
    }

    private String field(String key) {
        return "services." + name + "." + key;
    }

    private InvalidComposeException invalid(String key, String message) {
        return new InvalidComposeException(key.isEmpty() ? "services." + name : field(key), message);
    }
}
