package io.slipway.plugins.compose;

import io.slipway.plugin.api.StepFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which engine objects each release of a stack uses, one small file per release under the
 * plugin's data folder. Releases share containers (a redeploy keeps unchanged services), so a
 * release's containers are removed only when no other recorded release uses them.
 */
final class ReleaseRefs {
    private final Path root;

    ReleaseRefs(Path dataDir) {
        this.root = dataDir.resolve("releases");
    }

    /**
     * @param mode {@code engine} or {@code swarm}
     * @param resources {@code container:<id>} or {@code service:<id>} entries
     */
    record Entry(String app, String environment, String deploymentId, String stack, String mode,
                 Optional<String> endpoint, List<String> resources) {
        Entry {
            resources = List.copyOf(resources);
        }

        String releaseId() {
            return "stack:" + app + ":" + environment + ":" + deploymentId;
        }
    }

    void write(Entry e) {
        List<String> lines = new ArrayList<>(List.of("app=" + e.app(), "environment=" + e.environment(),
                "deployment=" + e.deploymentId(), "stack=" + e.stack(), "mode=" + e.mode(),
                "endpoint=" + e.endpoint().orElse("")));
        e.resources().forEach(r -> lines.add("uses=" + r));
        try {
            Path file = file(e.app(), e.environment(), e.deploymentId());
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new StepFailedException("Could not record the release's containers under " + root + ": "
                    + ex.getMessage(), ex);
        }
    }

    List<Entry> of(String app) {
        Path dir = root.resolve(safe(app));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".refs")).map(ReleaseRefs::read)
                    .flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new StepFailedException("Could not read " + dir + ": " + e.getMessage(), e);
        }
    }

    Optional<Entry> find(String app, String environment, String deploymentId) {
        return read(file(app, environment, deploymentId));
    }

    void delete(String app, String environment, String deploymentId) {
        try {
            Files.deleteIfExists(file(app, environment, deploymentId));
        } catch (IOException e) {
            throw new StepFailedException("Could not delete the record of a release: " + e.getMessage(), e);
        }
    }

    void deleteApp(String app) {
        of(app).forEach(e -> delete(e.app(), e.environment(), e.deploymentId()));
    }

    private static Optional<Entry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            java.util.Map<String, String> v = new java.util.HashMap<>();
            List<String> uses = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.startsWith("uses=")) {
                    uses.add(line.substring(eq + 1));
                } else if (eq > 0) {
                    v.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return Optional.of(new Entry(v.getOrDefault("app", ""), v.getOrDefault("environment", ""),
                    v.getOrDefault("deployment", ""), v.getOrDefault("stack", ""), v.getOrDefault("mode", "engine"),
                    Optional.ofNullable(v.get("endpoint")).filter(s -> !s.isEmpty()), uses));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path file(String app, String environment, String deploymentId) {
        return root.resolve(safe(app)).resolve(safe(environment) + "@" + safe(deploymentId) + ".refs");
    }

    private static String safe(String part) {
        return part.replaceAll("[^a-zA-Z0-9_.-]", "_");
    }
}
