package io.slipway.core.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.projects.ProjectService;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.ExtensionPointId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service API the pages and the pipeline call directly. */
class AppServiceTest {
    private static TestServer server;
    private static AppService apps;
    private static ExtensionRegistry registry;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        registry = server.core().service(ExtensionRegistry.class);
        TestExtensions.register(registry);
        apps = server.core().service(AppService.class);
        server.core().service(ProjectService.class).create("shop");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void resolvedExtensionHasTypedConfigWithDefaultsAndDecryptedSecrets() {
        apps.create(AppInput.of("shop", "resolved")
                .with("source", ExtensionChoice.of("git", Map.of("url", "https://example.com/r.git", "token", "t0k")))
                .with("health", ExtensionChoice.of("http", Map.of("timeoutSeconds", 3))));
        ResolvedExtension source = apps.resolvedExtension("resolved", ExtensionPointId.SOURCE).orElseThrow();
        assertEquals("git", source.extension().id());
        assertEquals("t0k", source.config().require("token"));
        assertEquals("main", source.config().require("branch"));
        assertFalse(source.toString().contains("t0k"));
        ResolvedExtension health = apps.resolvedExtension("resolved", ExtensionPointId.HEALTH).orElseThrow();
        assertEquals(ExtensionRegistry.CORE, health.extension().pluginId());
        assertEquals(3L, health.config().longValue("timeoutSeconds").orElseThrow());
        assertEquals("/", health.config().require("path"));
        assertTrue(apps.resolvedExtension("resolved", ExtensionPointId.BUILDER).isEmpty());
    }

    @Test
    void viewListsSecretsSetWithoutValues() {
        AppView view = apps.create(AppInput.of("shop", "viewed")
                .with("source", ExtensionChoice.of("git", Map.of("url", "https://example.com/v.git", "token", "hidden"))));
        ExtensionChoiceView source = view.extension("source").orElseThrow();
        assertEquals(java.util.Set.of("token"), source.secretsSet());
        assertEquals(Map.of("url", "https://example.com/v.git"), source.config());
        assertEquals(Optional.of(view), apps.find("viewed"));
    }

    @Test
    void chosenExtensionThatWentAwayIsReportedWhenResolved() {
        apps.create(AppInput.of("shop", "orphan").with("builder", ExtensionChoice.of("plain", Map.of())));
        registry.remove("test");
        try {
            assertThrows(ExtensionUnavailableException.class, () -> apps.resolvedExtension("orphan", ExtensionPointId.BUILDER));
            assertEquals("plain", apps.get("orphan").extension("builder").orElseThrow().type(), "the choice is still shown");
        } finally {
            TestExtensions.register(registry);
        }
    }

    @Test
    void inputsDoNotPrintConfigValues() {
        AppInput in = AppInput.of("shop", "printed").with("source", ExtensionChoice.of("git", Map.of("token", "t-secret")));
        assertFalse(in.toString().contains("t-secret"), in.toString());
    }

    @Test
    void rejectsPointAnAppDoesNotChoose() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> apps.create(
                AppInput.of("shop", "hooks").with("webhook", ExtensionChoice.of("github", Map.of()))));
        assertEquals("webhook", e.errors().get(0).field());
    }

    @Test
    void missingTypeIsReportedOnTypeField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> apps.create(
                AppInput.of("shop", "typeless").with("builder", new ExtensionChoice(null, Map.of()))));
        assertEquals("builder.type", e.errors().get(0).field());
    }

    @Test
    void listsAllOrOneProject() {
        server.core().service(ProjectService.class).create("other");
        apps.create(AppInput.of("other", "elsewhere"));
        assertTrue(apps.list(Optional.empty()).stream().anyMatch(a -> a.name().equals("elsewhere")));
        assertEquals(List.of("elsewhere"), apps.list(Optional.of("other")).stream().map(AppView::name).toList());
    }

    @Test
    void deleteRunsTheHookBeforeRemovingRows() {
        List<String> seen = new java.util.ArrayList<>();
        AppService withHook = new AppService(server.core().service(org.jdbi.v3.core.Jdbi.class), registry,
                server.core().service(io.slipway.core.secrets.SecretCipher.class), java.time.Clock.systemUTC(),
                app -> seen.add(app.name() + (apps.find(app.name()).isPresent() ? " still there" : " gone")));
        withHook.create(AppInput.of("shop", "hooked"));
        withHook.delete("hooked");
        assertEquals(List.of("hooked still there"), seen);
        assertTrue(apps.find("hooked").isEmpty());
    }

    @Test
    void unknownAppIsNotFound() {
        assertThrows(NotFoundException.class, () -> apps.delete("never-was"));
        assertThrows(NotFoundException.class, () -> apps.update("never-was", AppInput.patch()));
        assertTrue(apps.find("Not A Label").isEmpty());
    }
}
