package io.slipway.core.plugins.internal;

import io.slipway.core.ConflictException;
import io.slipway.core.plugins.PluginStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enables, disables and uninstalls plugins. A plugin that started plugins depend on is not
 * disabled or removed: the answer names those dependents, so nothing stops as a side effect the
 * user did not ask for. Called under the writer lock.
 */
public final class PluginLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycle.class);

    private final PluginHost host;

    public PluginLifecycle(PluginHost host) {
        this.host = host;
    }

    /** Starts a disabled or failed plugin (retrying a failed one); a started one stays as it is. */
    public InstalledPlugin enable(String id) {
        InstalledPlugin p = host.require(id);
        if (p.isStarted()) {
            return p;
        }
        InstalledPlugin started = host.start(p.jar(), p.origin(), p.sha256());
        try {
            host.store().save(host.row(started, true));
        } catch (RuntimeException e) {
            host.stop(p);
            throw e;
        }
        return started;
    }

    /** Stops a plugin and keeps it off across restarts. */
    public InstalledPlugin disable(String id) {
        InstalledPlugin p = host.require(id);
        if (p.status() == PluginStatus.DISABLED) {
            return p;
        }
        refuseIfNeeded(p, "disabled");
        try (PluginLeases.Held quiet = host.drain(List.of(id))) {
            host.store().save(host.row(p, false));
            host.stop(p.asDisabled());
        }
        LOG.info("Disabled plugin {}", p.jar().manifest().label());
        return host.require(id);
    }

    /**
     * Removes an uploaded plugin: stops it, deletes its JAR, row, secrets and folder. If the
     * upload had replaced a bundled version, that version takes its place.
     */
    public void uninstall(String id) {
        InstalledPlugin p = host.require(id);
        if (p.origin() == PluginOrigin.BUNDLED) {
            throw new ConflictException("Plugin '" + id + "' is bundled with Slipway: bundled plugins can be disabled, "
                    + "not removed.");
        }
        refuseIfNeeded(p, "removed");
        try (PluginLeases.Held quiet = host.drain(List.of(id))) {
            host.store().delete(id);
            host.runtime().deactivate(id);
            host.drop(id);
        }
        StagedUpload.deleteQuietly(p.jar().path());
        LOG.info("Uninstalled plugin {}", p.jar().manifest().label());
        Optional<PluginJar> bundled = host.bundledJar(id);
        if (bundled.isEmpty()) {
            host.runtime().contexts().forget(id);
            return;
        }
        try {
            host.start(bundled.get(), PluginOrigin.BUNDLED, Optional.empty());
        } catch (RuntimeException e) {
            host.put(InstalledPlugin.failed(bundled.get(), PluginOrigin.BUNDLED, Optional.empty(), PluginCalls.reason(e)));
        }
    }

    private void refuseIfNeeded(InstalledPlugin p, String verb) {
        List<InstalledPlugin> dependents = host.startedDependents(p.id());
        if (!dependents.isEmpty()) {
            String names = dependents.stream().map(d -> "'" + d.id() + "'").collect(Collectors.joining(", "));
            throw new ConflictException("Plugin '" + p.id() + "' cannot be " + verb + " while started plugins depend on it: "
                    + names + ". Disable those first.");
        }
    }
}
