package io.slipway.core.plugins.internal;

import io.slipway.core.ConflictException;
import io.slipway.core.plugins.PluginDependencyInfo;
import io.slipway.core.plugins.PluginStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs an uploaded plugin JAR that passed {@link PluginJar#read}: a new plugin, or an
 * upgrade in place of an installed one (no restart). An upgrade waits until no running step uses
 * the old version (or its dependents), swaps them, and puts the old version back if anything
 * fails. Either way a rejected JAR leaves nothing installed. Called under the writer lock.
 */
public final class PluginInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(PluginInstaller.class);

    private final PluginHost host;

    public PluginInstaller(PluginHost host) {
        this.host = host;
    }

    public InstalledPlugin install(PluginJar staged, String sha256, boolean force) {
        Optional<InstalledPlugin> existing = host.plugin(staged.id());
        if (existing.isPresent()) {
            InstalledPlugin old = existing.get();
            int cmp = host.versions().compare(staged.version(), old.version());
            if (cmp == 0) {
                throw new ConflictException("Plugin '" + old.id() + "' " + old.version() + " is already installed.");
            }
            if (cmp < 0 && !force) {
                throw new ConflictException("Plugin '" + old.id() + "' " + staged.version() + " is older than the installed "
                        + old.version() + ": add ?force=true to downgrade.");
            }
            return upgrade(old, staged, sha256);
        }
        host.checkRunnable(staged.manifest());
        PluginContexts contexts = host.runtime().contexts();
        boolean hadData = Files.exists(contexts.dataDirOf(staged.id()));
        Path target = place(staged);
        try {
            InstalledPlugin installed = host.start(staged.at(target), PluginOrigin.UPLOADED, Optional.of(sha256));
            host.store().save(host.row(installed, true));
            return installed;
        } catch (RuntimeException | Error e) {
            host.runtime().deactivate(staged.id());
            host.drop(staged.id());
            StagedUpload.deleteQuietly(target);
            if (!hadData) {
                contexts.forget(staged.id());
            }
            throw e;
        }
    }

    private InstalledPlugin upgrade(InstalledPlugin old, PluginJar staged, String sha256) {
        if (old.status() == PluginStatus.DISABLED) {
            // Stays off: replace the JAR only; its checks run when it is enabled.
            InstalledPlugin replaced = InstalledPlugin.disabled(staged.at(place(staged)), PluginOrigin.UPLOADED, Optional.of(sha256));
            try {
                host.store().save(host.row(replaced, false));
            } catch (RuntimeException e) {
                StagedUpload.deleteQuietly(replaced.jar().path());
                throw e;
            }
            host.put(replaced);
            removeOldJar(old, replaced);
            return replaced;
        }
        host.checkRunnable(staged.manifest());
        List<InstalledPlugin> dependents = host.startedDependents(old.id());
        for (InstalledPlugin d : dependents) {
            Optional<PluginDependencyInfo> need = PluginHost.dependencyOn(d, old.id());
            if (need.isPresent() && !host.versions().satisfies(staged.version(), need.get().versionRange())) {
                throw new ConflictException("Plugin '" + d.id() + "' needs " + need.get().label() + ", which "
                        + staged.version() + " does not satisfy: upgrade or disable '" + d.id() + "' first.");
            }
        }
        List<String> drained = new ArrayList<>(List.of(old.id()));
        dependents.forEach(d -> drained.add(d.id()));
        Path target = place(staged);
        try (PluginLeases.Held quiet = host.drain(drained)) {
            stopAll(old, dependents);
            InstalledPlugin upgraded;
            try {
                upgraded = host.start(staged.at(target), PluginOrigin.UPLOADED, Optional.of(sha256));
                dependents.forEach(d -> host.start(d.jar(), d.origin(), d.sha256()));
                host.store().save(host.row(upgraded, true));
            } catch (RuntimeException | Error e) {
                LOG.warn("Upgrading plugin {} to {} failed ({}); restoring {}", old.id(), staged.version(),
                        PluginCalls.reason(e), old.version());
                stopAll(old, dependents);
                restore(old);
                dependents.forEach(this::restore);
                throw e;
            }
            removeOldJar(old, upgraded);
            LOG.info("Upgraded plugin {} from {} to {}", old.id(), old.version(), upgraded.version());
            return upgraded;
        } catch (RuntimeException | Error e) {
            StagedUpload.deleteQuietly(target);
            throw e;
        }
    }

    private void stopAll(InstalledPlugin plugin, List<InstalledPlugin> dependents) {
        for (int i = dependents.size() - 1; i >= 0; i--) {
            host.runtime().deactivate(dependents.get(i).id());
        }
        host.runtime().deactivate(plugin.id());
    }

    /** Puts a plugin back as it was; if it no longer starts, it is listed FAILED with the reason. */
    private void restore(InstalledPlugin previous) {
        if (!previous.isStarted()) {
            host.put(previous);
            return;
        }
        try {
            host.start(previous.jar(), previous.origin(), previous.sha256());
        } catch (RuntimeException e) {
            LOG.error("Plugin {} could not be restored: {}", previous.jar().manifest().label(), PluginCalls.reason(e));
            host.put(previous.asFailed("Restoring after a failed upgrade failed: " + PluginCalls.reason(e)));
        }
    }

    /** Deletes the replaced uploaded JAR (a bundled JAR stays where it is). */
    private static void removeOldJar(InstalledPlugin old, InstalledPlugin now) {
        if (old.origin() == PluginOrigin.UPLOADED && !old.jar().path().equals(now.jar().path())) {
            StagedUpload.deleteQuietly(old.jar().path());
        }
    }

    /** Moves a staged JAR to SLIPWAY_HOME/plugins/{id}-{version}.jar (both checked, so the name is safe). */
    private Path place(PluginJar staged) {
        Path dir = host.pluginsDir();
        Path target = dir.resolve(staged.id() + "-" + staged.version() + ".jar").normalize();
        if (!target.getParent().equals(dir.normalize())) {
            throw new IllegalStateException("plugin file name escapes the plugins folder: " + target);
        }
        try {
            Files.createDirectories(dir);
            try {
                Files.move(staged.path(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged.path(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the plugin in " + dir + ": check SLIPWAY_HOME's permissions", e);
        }
    }
}
