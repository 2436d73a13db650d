package io.slipway.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.notify.Notifier;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading and unloading a plugin many times leaves no class loader behind: a leak through the
 * registry, the thread context class loader, shared threads or PF4J's own maps would keep one
 * reachable, and a server that upgrades plugins without restarting would slowly run out of memory.
 */
class PluginClassLoaderLeakTest {
    private static final int CYCLES = 32;

    @TempDir
    Path home;

    @Test
    void unloadedPluginClassLoadersAreCollected() throws InterruptedException {
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        try (PluginHarness h = PluginHarness.open(home)) {
            for (int i = 0; i < CYCLES / 2; i++) {
                loaders.add(installUseAndUninstall(h));
            }
            h.install(PluginJars.example());
            for (int i = 0; i < CYCLES / 2; i++) {
                loaders.add(useThenDisableAndEnable(h));
            }
            h.plugins.uninstall("example");
            assertTrue(h.plugins.list().isEmpty());
        }
        assertEquals(CYCLES, loaders.size());
        for (int i = 0; i < 100 && loaders.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            byte[][] pressure = new byte[16][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[1 << 20];
            }
            Thread.sleep(20);
        }
        long alive = loaders.stream().filter(r -> r.get() != null).count();
        assertEquals(0, alive, alive + " of " + CYCLES + " plugin class loaders are still reachable");
    }

    private static WeakReference<ClassLoader> installUseAndUninstall(PluginHarness h) {
        h.install(PluginJars.example());
        WeakReference<ClassLoader> loader = use(h);
        h.plugins.uninstall("example");
        return loader;
    }

    private static WeakReference<ClassLoader> useThenDisableAndEnable(PluginHarness h) {
        WeakReference<ClassLoader> loader = use(h);
        h.plugins.disable("example");
        h.plugins.enable("example");
        return loader;
    }

    private static WeakReference<ClassLoader> use(PluginHarness h) {
        RegisteredExtension log = h.extension(ExtensionPointId.NOTIFIER, "log");
        String message = h.plugins.invoker().call(log, Notifier.class, n -> n.testConnection(Config.empty()).message());
        assertTrue(message.contains(PluginJars.EXAMPLE_VERSION), message);
        return new WeakReference<>(log.extension().getClass().getClassLoader());
    }
}
