package io.slipway.plugins.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One service of a compose file, after interpolation. Maps are sorted so that {@link #configHash}
 * depends only on what the service is, never on key order in the file.
 */
record ServiceSpec(String name, Optional<String> image, Optional<BuildSpec> build, List<String> command,
                   List<String> entrypoint, SortedMap<String, String> environment, List<PortSpec> ports,
                   List<Integer> expose, List<MountSpec> volumes, List<String> networks, List<Dependency> dependsOn,
                   Optional<Healthcheck> healthcheck, SortedMap<String, String> labels, String restart, int replicas,
                   Resources resources, UpdatePolicy update, Privileges privileges) {
    ServiceSpec {
        command = List.copyOf(command);
        entrypoint = List.copyOf(entrypoint);
        environment = new TreeMap<>(environment);
        ports = List.copyOf(ports);
        expose = List.copyOf(expose);
        volumes = List.copyOf(volumes);
        networks = List.copyOf(networks);
        dependsOn = List.copyOf(dependsOn);
        labels = new TreeMap<>(labels);
    }

    /**
     * A short hash of everything that decides how the service's containers are made, plus the
     * image id they run: equal hashes mean a redeploy can keep the running containers.
     */
    String configHash(String imageId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((toString() + "\n" + imageId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code build:}: context and Dockerfile relative to the source folder. */
    record BuildSpec(String context, String dockerfile, Map<String, String> args, Optional<String> target) {
        BuildSpec {
            args = new TreeMap<>(args);
        }
    }

    /** A port: {@code published} is ignored on a single engine (Slipway publishes on loopback only). */
    record PortSpec(int target, Optional<Integer> published, String protocol) {
    }

    /** {@code volume} (named or anonymous), {@code bind} (host path) or {@code tmpfs}. */
    record MountSpec(String type, String source, String target, boolean readOnly) {
    }

    enum Condition {
        SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY;

        static Optional<Condition> parse(String text) {
            for (Condition c : values()) {
                if (c.name().equalsIgnoreCase(text)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Dependency(String service, Condition condition) {
    }

    /** {@code test} is the engine's form: {@code ["CMD-SHELL", "..."]}, {@code ["CMD", ...]} or {@code ["NONE"]}. */
    record Healthcheck(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
        Healthcheck {
            test = List.copyOf(test);
        }
    }

    /** {@code deploy.resources.limits}: 0 means no limit. */
    record Resources(long memoryBytes, long nanoCpus) {
        static final Resources NONE = new Resources(0, 0);
    }

    /** {@code deploy.update_config}, used by Swarm rolling updates. */
    record UpdatePolicy(int parallelism, Duration delay, String order, String failureAction) {
        static final UpdatePolicy DEFAULT = new UpdatePolicy(1, Duration.ZERO, "stop-first", "pause");
    }

    /** Options that weaken isolation; each is refused unless an admin allowed it for the stack. */
    record Privileges(boolean privileged, Optional<String> networkMode, Optional<String> pid, List<String> capAdd,
                      List<String> devices) {
        Privileges {
            capAdd = List.copyOf(capAdd);
            devices = List.copyOf(devices);
        }
    }
}
