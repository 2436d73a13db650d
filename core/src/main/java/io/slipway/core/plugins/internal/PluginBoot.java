package io.slipway.core.plugins.internal;

import io.slipway.core.plugins.PluginRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings back the installed plugins at start: the bundled JARs and the uploaded ones, the newest
 * version of each id winning, each started after the plugins it depends on, disabled ones left
 * off. One broken plugin is marked FAILED with its reason; the others start regardless. Reads
 * each JAR's manifest and index once; hashes nothing and writes nothing in the usual case.
 */
final class PluginBoot {
    private static final Logger LOG = LoggerFactory.getLogger(PluginBoot.class);

    private final PluginHost host;
    private final Map<String, PluginStateStore.Row> rows;
    private final Map<String, Candidate> winners = new TreeMap<>();
    private final Set<String> visiting = new HashSet<>();

    private record Candidate(PluginJar jar, PluginOrigin origin) {
    }

    private PluginBoot(PluginHost host, Map<String, PluginStateStore.Row> rows) {
        this.host = host;
        this.rows = rows;
    }

    static void load(PluginHost host, Optional<Path> bundledDir) {
        Map<String, PluginStateStore.Row> rows = host.store().all().stream()
                .collect(Collectors.toMap(PluginStateStore.Row::pluginId, Function.identity()));
        PluginBoot boot = new PluginBoot(host, rows);
        List<Candidate> bundled = bundledDir.map(d -> boot.read(d, PluginOrigin.BUNDLED)).orElse(List.of());
        List<Candidate> uploaded = boot.read(host.pluginsDir(), PluginOrigin.UPLOADED);
        Map<String, PluginJar> fallbacks = new HashMap<>();
        bundled.forEach(c -> fallbacks.merge(c.jar().id(), c.jar(), boot::newer));
        host.bundled(fallbacks);
        bundled.forEach(boot::offer);
        uploaded.forEach(boot::offer);
        for (Candidate c : uploaded) {
            if (boot.winners.get(c.jar().id()) != c) {
                LOG.info("Removing {}: superseded by a newer version of plugin {}", c.jar().path(), c.jar().id());
                StagedUpload.deleteQuietly(c.jar().path());
            }
        }
        for (String id : boot.winners.keySet()) {
            boot.bringUp(id);
        }
    }

    private List<Candidate> read(Path dir, PluginOrigin origin) {
        List<Candidate> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path p : jars) {
                try {
                    out.add(new Candidate(PluginJar.read(p, host.versions()), origin));
                } catch (PluginRejectedException e) {
                    LOG.error("Skipping the {} plugin JAR {}: {}", origin.id(), p, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the plugins in " + dir + ": check its permissions", e);
        }
        return out;
    }

    /** The newest version of an id wins; an upload wins over a bundled JAR of the same version. */
    private void offer(Candidate c) {
        winners.merge(c.jar().id(), c, (a, b) -> {
            int cmp = host.versions().compare(b.jar().version(), a.jar().version());
            return cmp > 0 || (cmp == 0 && b.origin() == PluginOrigin.UPLOADED) ? b : a;
        });
    }

    private PluginJar newer(PluginJar a, PluginJar b) {
        return host.versions().compare(b.version(), a.version()) > 0 ? b : a;
    }

    private void bringUp(String id) {
        if (host.plugin(id).isPresent() || !visiting.add(id)) {
            return; // already decided, or a dependency cycle (it then fails its dependency check)
        }
        Candidate c = winners.get(id);
        c.jar().manifest().dependencies().forEach(d -> {
            if (winners.containsKey(d.id())) {
                bringUp(d.id());
            }
        });
        PluginStateStore.Row row = rows.get(id);
        Optional<String> sha = row != null && row.origin() == c.origin() && row.version().equals(c.jar().version())
                ? row.sha256() : Optional.empty();
        if (row != null && (!row.version().equals(c.jar().version()) || row.origin() != c.origin())) {
            host.store().save(new PluginStateStore.Row(id, c.jar().version(), row.enabled(), c.origin(),
                    Optional.of(c.jar().path().getFileName().toString()), sha));
        }
        if (row != null && !row.enabled()) {
            host.put(InstalledPlugin.disabled(c.jar(), c.origin(), sha));
            return;
        }
        try {
            host.start(c.jar(), c.origin(), sha);
        } catch (RuntimeException e) {
            String reason = PluginCalls.reason(e);
            LOG.error("Plugin {} could not start: {}", c.jar().manifest().label(), reason);
            host.put(InstalledPlugin.failed(c.jar(), c.origin(), sha, reason));
        }
    }
}
