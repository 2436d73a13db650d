package io.slipway.core.pipeline.testext;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import java.util.List;

/** Registers the test extensions as plugin {@value #PLUGIN}, as a started plugin would. */
public final class TestExtensions {
    public static final String PLUGIN = "pipeline-test";
    /** The classes a test plugin JAR must hold. */
    public static final List<Class<?>> CLASSES = List.of(TestBehaviour.class, TestSource.class, TestBuilder.class,
            TestDeployer.class, TestHealthChecker.class, TestNotifier.class);

    private TestExtensions() {
    }

    public static void register(ExtensionRegistry registry) {
        registry.put(PLUGIN, List.of(
                new RegisteredExtension(ExtensionPointId.SOURCE, PLUGIN, new TestSource()),
                new RegisteredExtension(ExtensionPointId.BUILDER, PLUGIN, new TestBuilder()),
                new RegisteredExtension(ExtensionPointId.DEPLOYER, PLUGIN, new TestDeployer()),
                new RegisteredExtension(ExtensionPointId.HEALTH, PLUGIN, new TestHealthChecker()),
                new RegisteredExtension(ExtensionPointId.NOTIFIER, PLUGIN, new TestNotifier())));
    }
}
