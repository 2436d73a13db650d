package io.slipway.plugins.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compose builder's and deployer's settings checks, as the core's app and stack forms see them. */
class SettingsTest {
    private static List<FieldError> source(Map<String, Object> values) {
        return SourceSettings.problems(SourceSettings.SCHEMA.parse(values));
    }

    private static List<FieldError> stack(Map<String, Object> values) {
        return StackSettings.problems(StackSettings.SCHEMA.parse(values));
    }

    @Test
    void pastedFileIsCheckedWithLineAndColumn() {
        List<FieldError> errors = source(Map.of("content", "services:\n  web: [x\n"));
        assertEquals("content", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("line "), errors.toString());
    }

    @Test
    void pastedFileWithForbiddenOptionIsRefusedUnlessAllowed() {
        String yaml = "services:\n  web: {image: x, privileged: true}\n";
        assertTrue(source(Map.of("content", yaml)).get(0).message().contains("allow 'privileged'"));
        assertEquals(List.of(), source(Map.of("content", yaml, "allow", "privileged")));
    }

    @Test
    void requiredVariableMayBeUnsetWhenOnlyChecking() {
        assertEquals(List.of(), source(Map.of("content", "services:\n  web: {image: '${IMAGE:?needed}'}\n")));
    }

    @Test
    void rejectsUnknownAllowedOptionAndEscapingPath() {
        assertEquals("allow", source(Map.of("allow", "root")).get(0).field());
        assertEquals("file", source(Map.of("file", "../compose.yaml")).get(0).field());
        assertEquals("file", source(Map.of("file", "/etc/compose.yaml")).get(0).field());
    }

    @Test
    void exposedServicePortMustBeServiceColonPortInRange() {
        assertEquals(List.of(), stack(Map.of("expose", "web:80, api:8081")));
        assertEquals("expose", stack(Map.of("expose", "web")).get(0).field());
        assertTrue(stack(Map.of("expose", "web:70000")).get(0).message().contains("out of range"));
        StackSettings s = StackSettings.from(new Config(Map.of("expose", "web:80,api:8081")));
        assertEquals(List.of(new StackSettings.Exposure("web", 80), new StackSettings.Exposure("api", 8081)),
                s.exposed());
    }

    @Test
    void stopGraceMustBeSane() {
        assertEquals("stopGraceSeconds", stack(Map.of("expose", "web:80", "stopGraceSeconds", "9999")).get(0).field());
    }
}
