package io.slipway.core.plugins;

import io.slipway.core.plugins.internal.PluginCalls;
import io.slipway.core.plugins.internal.PluginLeases;
import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.SlipwayExtension;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the server calls into an extension. For the length of a call it holds a lease on
 * the extension's plugin (so an upgrade waits for it), sets the thread's context class loader to
 * the plugin's, and times it; whatever the plugin throws, except {@link StepCancelledException},
 * comes out as a {@link StepFailedException} naming the plugin and extension.
 *
 * <pre>{@code
 * Artifact a = invoker.call(builder, Builder.class, b -> b.build(request, step));
 * }</pre>
 */
public final class ExtensionInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionInvoker.class);
    /** Longest a call waits for a plugin upgrade (itself bounded by its drain timeout) to finish. */
    private static final Duration UPGRADE_WAIT = Duration.ofSeconds(90);

    private final ExtensionRegistry registry;
    private final PluginLeases leases;

    public ExtensionInvoker(ExtensionRegistry registry, PluginLeases leases) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.leases = Objects.requireNonNull(leases, "leases");
    }

    /**
     * Calls {@code fn} on the extension. If its plugin was upgraded since {@code ext} was looked
     * up, the call goes to the new version's extension of the same point and id.
     *
     * @throws StepFailedException when the plugin fails or the extension is no longer installed
     * @throws StepCancelledException when the plugin reports the step cancelled, or the wait for an
     *     upgrade is interrupted
     * @throws IllegalArgumentException when the extension is not a {@code type}
     */
    public <T extends SlipwayExtension, R> R call(RegisteredExtension ext, Class<T> type, Function<T, R> fn) {
        Objects.requireNonNull(ext, "ext");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fn, "fn");
        if (ext.pluginId().equals(ExtensionRegistry.CORE)) {
            return invoke(ext, type, fn); // built into the core: never upgraded, nothing to lease
        }
        Optional<PluginLeases.Held> lease;
        try {
            lease = leases.lease(ext.pluginId(), UPGRADE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancelledException("Interrupted while plugin '" + ext.pluginId() + "' was being changed.");
        }
        if (lease.isEmpty()) {
            throw new StepFailedException("Plugin '" + ext.pluginId() + "' is being changed and did not become available within "
                    + UPGRADE_WAIT.toSeconds() + " s: try again.");
        }
        try (PluginLeases.Held held = lease.get()) {
            return invoke(current(ext), type, fn);
        }
    }

    private RegisteredExtension current(RegisteredExtension ext) {
        for (RegisteredExtension r : registry.ofPlugin(ext.pluginId())) {
            if (r == ext || (r.point() == ext.point() && r.id().equals(ext.id()))) {
                return r;
            }
        }
        throw new StepFailedException("The " + ext.point().id() + " '" + ext.id() + "' of plugin '" + ext.pluginId()
                + "' is no longer available (the plugin was disabled, removed or changed): enable or reinstall it.");
    }

    private static <T extends SlipwayExtension, R> R invoke(RegisteredExtension ext, Class<T> type, Function<T, R> fn) {
        if (!type.isInstance(ext.extension())) {
            throw new IllegalArgumentException("The " + ext.point().id() + " '" + ext.id() + "' is not a " + type.getName());
        }
        T target = type.cast(ext.extension());
        long started = System.nanoTime();
        try {
            return PluginCalls.withContextLoader(target.getClass().getClassLoader(), () -> fn.apply(target));
        } catch (StepCancelledException | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            String reason = e instanceof StepFailedException ? PluginCalls.reason(e)
                    : "unexpected " + PluginCalls.describe(e);
            throw new StepFailedException(reason + " (plugin '" + ext.pluginId() + "', " + ext.point().id() + " '"
                    + ext.id() + "')", e);
        } finally {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{}/{} of plugin {} took {} ms", ext.point().id(), ext.id(), ext.pluginId(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        }
    }
}
