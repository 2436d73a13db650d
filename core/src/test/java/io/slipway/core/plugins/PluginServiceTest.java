package io.slipway.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.ConflictException;
import io.slipway.core.plugins.fixtures.ExplodingNotifier;
import io.slipway.core.plugins.fixtures.QuietNotifier;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.notify.Notifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin service itself: upgrades under load, roll-backs, concurrency, dependents, bundled plugins. */
class PluginServiceTest {
    private static final String V1 = PluginJars.EXAMPLE_VERSION;

    @TempDir
    Path home;
    @TempDir
    Path jars;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void upgradeWaitsForARunningCallThenSwitches() throws Exception {
        Path v2 = PluginJars.exampleWith(jars, "v2.jar", Map.of("Plugin-Version", "0.2.0"));
        try (PluginHarness h = PluginHarness.open(home)) {
            h.install(PluginJars.example());
            RegisteredExtension log = h.extension(ExtensionPointId.NOTIFIER, "log");
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<String> running = threads.submit(() -> h.plugins.invoker().call(log, Notifier.class, n -> {
                inside.countDown();
                await(release);
                return n.testConnection(Config.empty()).message();
            }));
            assertTrue(inside.await(10, TimeUnit.SECONDS));

            Future<PluginInfo> upgrade = threads.submit(() -> h.install(v2));
            Thread.sleep(700);
            assertFalse(upgrade.isDone(), "the upgrade must wait for the running call");
            assertEquals(V1, h.plugins.find("example").orElseThrow().version());
            assertSame(log, h.extension(ExtensionPointId.NOTIFIER, "log"));
            // A call made while the upgrade waits queues behind it, then reaches the new version.
            Future<String> late = threads.submit(() -> h.plugins.invoker().call(log, Notifier.class,
                    n -> n.testConnection(Config.empty()).message()));

            release.countDown();
            assertEquals("0.2.0", upgrade.get(30, TimeUnit.SECONDS).version());
            assertTrue(running.get(10, TimeUnit.SECONDS).contains(V1), "the running call finished on the old version");
            assertTrue(late.get(10, TimeUnit.SECONDS).contains("0.2.0"), "the late call went to the new version");
            assertEquals(List.of("example-0.2.0.jar"), h.pluginFiles());
        }
    }

    @Test
    void upgradeGivesUpWith409WhenThePluginStaysBusy() throws Exception {
        Path v2 = PluginJars.exampleWith(jars, "v2.jar", Map.of("Plugin-Version", "0.2.0"));
        try (PluginHarness h = PluginHarness.open(home, Optional.empty(), Duration.ofMillis(300))) {
            h.install(PluginJars.example());
            RegisteredExtension log = h.extension(ExtensionPointId.NOTIFIER, "log");
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> running = threads.submit(() -> h.plugins.invoker().call(log, Notifier.class, n -> {
                inside.countDown();
                await(release);
                return null;
            }));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            assertThrows(PluginBusyException.class, () -> h.install(v2));
            release.countDown();
            running.get(10, TimeUnit.SECONDS);
            assertEquals(V1, h.plugins.find("example").orElseThrow().version());
            assertEquals(List.of("example-" + V1 + ".jar"), h.pluginFiles());
        }
    }

    @Test
    void failedUpgradeLeavesThePreviousVersionRunning() {
        Path v3 = PluginJars.rewrite(PluginJars.example(), jars.resolve("v3.jar"), Map.of("Plugin-Version", "0.3.0"),
                Map.of("META-INF/extensions.idx", PluginJars.index(List.of(ExplodingNotifier.class.getName())),
                        PluginJars.classEntry(ExplodingNotifier.class), PluginJars.classBytes(ExplodingNotifier.class)));
        try (PluginHarness h = PluginHarness.open(home)) {
            h.install(PluginJars.example());
            PluginRejectedException e = assertThrows(PluginRejectedException.class, () -> h.install(v3));
            assertTrue(e.getMessage().contains(ExplodingNotifier.class.getName()), e.getMessage());

            PluginInfo example = h.plugins.find("example").orElseThrow();
            assertEquals(PluginStatus.STARTED, example.status());
            assertEquals(V1, example.version());
            RegisteredExtension log = h.extension(ExtensionPointId.NOTIFIER, "log");
            String message = h.plugins.invoker().call(log, Notifier.class, n -> n.testConnection(Config.empty()).message());
            assertTrue(message.contains(V1), message);
            assertEquals(List.of("example-" + V1 + ".jar"), h.pluginFiles());
        }
    }

    @Test
    void concurrentInstallsOfDifferentPluginsBothSucceed() throws Exception {
        Path quiet = quietPlugin("quiet", "1.0.0", Map.of());
        try (PluginHarness h = PluginHarness.open(home)) {
            CyclicBarrier together = new CyclicBarrier(2);
            Future<PluginInfo> a = threads.submit(() -> {
                together.await();
                return h.install(PluginJars.example());
            });
            Future<PluginInfo> b = threads.submit(() -> {
                together.await();
                return h.install(quiet);
            });
            assertEquals(PluginStatus.STARTED, a.get(30, TimeUnit.SECONDS).status());
            assertEquals(PluginStatus.STARTED, b.get(30, TimeUnit.SECONDS).status());
            assertEquals(List.of("example", "quiet"), h.plugins.list().stream().map(PluginInfo::id).toList());
            assertEquals(List.of("log", "quiet"), h.registry.list(ExtensionPointId.NOTIFIER).stream()
                    .map(RegisteredExtension::id).toList());
            assertEquals(List.of("example-" + V1 + ".jar", "quiet-1.0.0.jar"), h.pluginFiles());
        }
    }

    @Test
    void downgradeNeedsForce() {
        Path v2 = PluginJars.exampleWith(jars, "v2.jar", Map.of("Plugin-Version", "0.2.0"));
        try (PluginHarness h = PluginHarness.open(home)) {
            h.install(v2);
            ConflictException refused = assertThrows(ConflictException.class, () -> h.install(PluginJars.example()));
            assertTrue(refused.getMessage().contains("force=true"), refused.getMessage());
            assertEquals(V1, h.install(PluginJars.example(), true).version());
            assertEquals(List.of("example-" + V1 + ".jar"), h.pluginFiles());
        }
    }

    @Test
    void pluginsOthersDependOnAreNotDisabledAndUpgradesRestartTheirDependents() {
        Path dependent = quietPlugin("quiet", "1.0.0", Map.of("Plugin-Dependencies", "example"));
        Path v2 = PluginJars.exampleWith(jars, "v2.jar", Map.of("Plugin-Version", "0.2.0"));
        try (PluginHarness h = PluginHarness.open(home)) {
            h.install(PluginJars.example());
            h.install(dependent);
            ConflictException refused = assertThrows(ConflictException.class, () -> h.plugins.disable("example"));
            assertTrue(refused.getMessage().contains("'quiet'"), refused.getMessage());
            assertThrows(ConflictException.class, () -> h.plugins.uninstall("example"));

            RegisteredExtension before = h.extension(ExtensionPointId.NOTIFIER, "quiet");
            assertEquals("0.2.0", h.install(v2).version());
            assertEquals(PluginStatus.STARTED, h.plugins.find("quiet").orElseThrow().status());
            RegisteredExtension after = h.extension(ExtensionPointId.NOTIFIER, "quiet");
            assertFalse(before == after, "the dependent was restarted against the new version");

            h.plugins.disable("quiet");
            assertEquals(PluginStatus.DISABLED, h.plugins.disable("example").status());
        }
    }

    @Test
    void bundledPluginsCanBeDisabledNotRemovedAndANewerUploadWinsUntilUninstalled() throws Exception {
        Path bundled = Files.createDirectories(jars.resolve("bundled"));
        Files.copy(PluginJars.example(), bundled.resolve("example.jar"));
        Path v2 = PluginJars.exampleWith(jars, "v2.jar", Map.of("Plugin-Version", "0.2.0"));
        try (PluginHarness h = PluginHarness.open(home, Optional.of(bundled), PluginService.DRAIN_TIMEOUT)) {
            PluginInfo example = h.plugins.find("example").orElseThrow();
            assertEquals("bundled", example.origin());
            assertEquals(PluginStatus.STARTED, example.status());
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(bundled.resolve("example.jar")))), example.sha256().orElseThrow(),
                    "a bundled JAR is hashed when first listed");
            ConflictException refused = assertThrows(ConflictException.class, () -> h.plugins.uninstall("example"));
            assertTrue(refused.getMessage().contains("bundled plugins can be disabled, not removed"), refused.getMessage());

            PluginInfo upgraded = h.install(v2);
            assertEquals("uploaded", upgraded.origin());
            assertEquals("0.2.0", upgraded.version());
            assertTrue(Files.exists(bundled.resolve("example.jar")), "the bundled folder is read-only");

            h.plugins.uninstall("example");
            PluginInfo fallback = h.plugins.find("example").orElseThrow();
            assertEquals("bundled", fallback.origin());
            assertEquals(V1, fallback.version());
            assertEquals(PluginStatus.STARTED, fallback.status());
            assertEquals(List.of(), h.pluginFiles());
        }
    }

    @Test
    void aBrokenBundledPluginIsListedFailedAndTheOthersStart() throws Exception {
        Path bundled = Files.createDirectories(jars.resolve("bundled"));
        Files.copy(PluginJars.example(), bundled.resolve("example.jar"));
        PluginJars.build(bundled.resolve("future.jar"), Map.of("Plugin-Id", "future", "Plugin-Version", "1.0.0",
                "Plugin-Requires", ">=99.0.0"), List.of(QuietNotifier.class), List.of(QuietNotifier.class.getName()));
        try (PluginHarness h = PluginHarness.open(home, Optional.of(bundled), PluginService.DRAIN_TIMEOUT)) {
            assertEquals(PluginStatus.STARTED, h.plugins.find("example").orElseThrow().status());
            PluginInfo future = h.plugins.find("future").orElseThrow();
            assertEquals(PluginStatus.FAILED, future.status());
            assertTrue(future.error().orElseThrow().contains(">=99.0.0"), future.toString());
            assertTrue(h.registry.find(ExtensionPointId.NOTIFIER, "quiet").isEmpty());
        }
    }

    @Test
    void invokerRunsPluginCodeWithItsClassLoaderAndNamesThePluginWhenItFails() {
        try (PluginHarness h = PluginHarness.open(home)) {
            h.install(PluginJars.example());
            RegisteredExtension log = h.extension(ExtensionPointId.NOTIFIER, "log");
            ClassLoader seen = h.plugins.invoker().call(log, Notifier.class, n -> Thread.currentThread().getContextClassLoader());
            assertSame(log.extension().getClass().getClassLoader(), seen);
            assertFalse(seen == Thread.currentThread().getContextClassLoader());

            StepFailedException failed = assertThrows(StepFailedException.class, () -> h.plugins.invoker().call(log,
                    Notifier.class, n -> {
                        throw new IllegalStateException("kaput");
                    }));
            assertTrue(failed.getMessage().contains("plugin 'example'") && failed.getMessage().contains("kaput"),
                    failed.getMessage());
            assertThrows(StepCancelledException.class, () -> h.plugins.invoker().call(log, Notifier.class, n -> {
                throw new StepCancelledException("stop");
            }));
            h.plugins.disable("example");
            assertThrows(StepFailedException.class, () -> h.plugins.invoker().call(log, Notifier.class, Notifier::id));
        }
    }

    @Test
    void eachPluginGetsItsOwnFolderWhichUninstallRemoves() {
        try (PluginHarness h = PluginHarness.open(home)) {
            h.install(quietPlugin("quiet", "1.0.0", Map.of()));
            Path dataDir = home.resolve("plugin-data").resolve("quiet");
            assertTrue(Files.isDirectory(dataDir));
            h.plugins.uninstall("quiet");
            assertFalse(Files.exists(dataDir));
            assertTrue(h.plugins.list().isEmpty());
        }
    }

    private Path quietPlugin(String id, String version, Map<String, String> extra) {
        Map<String, String> manifest = new java.util.LinkedHashMap<>(PluginJars.descriptor(id, version));
        manifest.putAll(extra);
        return PluginJars.build(jars.resolve(id + "-" + version + ".jar"), manifest, List.of(QuietNotifier.class),
                List.of(QuietNotifier.class.getName()));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
