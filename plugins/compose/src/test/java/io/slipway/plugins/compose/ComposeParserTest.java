package io.slipway.plugins.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeParserTest {
    static final String THREE_TIER = """
            services:
              web:
                build: { context: web }
                environment:
                  GREETING: ${GREETING:-hello}
                depends_on:
                  api: { condition: service_healthy }
                ports: ["8080:80"]
              api:
                image: busybox
                command: httpd -f -p 8081
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 1s
                  retries: 5
                depends_on: [db]
              db:
                image: busybox
                volumes: ["data:/data"]
                deploy:
                  replicas: 1
                  resources: { limits: { memory: 64m, cpus: "0.5" } }
            volumes:
              data: {}
            """;

    private static ComposeFile parse(String yaml) {
        return ComposeParser.parse(yaml, Map.of(), true, p -> Optional.empty());
    }

    private static String problem(String yaml) {
        return assertThrows(InvalidComposeException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void readsServicesAndOrdersThemByDependency() {
        ComposeFile file = parse(THREE_TIER);
        assertEquals(List.of("db", "api", "web"), StackGraph.of(file).startOrder());
        ServiceSpec web = file.services().get("web");
        assertEquals("hello", web.environment().get("GREETING"));
        assertEquals(80, web.ports().get(0).target());
        assertEquals(ServiceSpec.Condition.SERVICE_HEALTHY, web.dependsOn().get(0).condition());
        ServiceSpec api = file.services().get("api");
        assertEquals(List.of("httpd", "-f", "-p", "8081"), api.command());
        assertEquals(1, api.healthcheck().orElseThrow().interval().toSeconds());
        assertEquals(64L * 1024 * 1024, file.services().get("db").resources().memoryBytes());
        assertEquals(500_000_000L, file.services().get("db").resources().nanoCpus());
    }

    @Test
    void interpolatesFromTheAppVariables() {
        ComposeFile file = ComposeParser.parse(THREE_TIER, Map.of("GREETING", "hi"), true, p -> Optional.empty());
        assertEquals("hi", file.services().get("web").environment().get("GREETING"));
    }

    @Test
    void configHashChangesOnlyWithTheService() {
        ComposeFile a = parse(THREE_TIER);
        ComposeFile b = ComposeParser.parse(THREE_TIER, Map.of("GREETING", "hi"), true, p -> Optional.empty());
        assertEquals(a.services().get("api").configHash("i1"), b.services().get("api").configHash("i1"));
        assertTrue(!a.services().get("web").configHash("i1").equals(b.services().get("web").configHash("i1")));
    }

    @Test
    void rejectsInvalidYamlNamingLineAndColumn() {
        String message = problem("services:\n  web:\n    image: [busybox\n  api: x\n");
        assertTrue(message.contains("line ") && message.contains("column "), message);
    }

    @Test
    void warnsAboutUnknownTopLevelKey() {
        ComposeFile file = parse("services:\n  web:\n    image: busybox\nservice_typo: {}\nx-ok: 1\n");
        assertEquals(1, file.warnings().size());
        assertTrue(file.warnings().get(0).contains("service_typo"));
    }

    @Test
    void rejectsDependencyCycleNamingIt() {
        String message = problem("""
                services:
                  a: { image: x, depends_on: [b] }
                  b: { image: x, depends_on: [c] }
                  c: { image: x, depends_on: [a] }
                """);
        assertTrue(message.contains("a -> b -> c -> a"), message);
    }

    @Test
    void rejectsDependencyOnMissingService() {
        String message = problem("services:\n  web: { image: x, depends_on: [api] }\n");
        assertTrue(message.contains("'api'"), message);
    }

    @Test
    void rejectsUnsetRequiredVariable() {
        String message = problem("services:\n  web: { image: x, environment: { P: '${DB_PASSWORD:?set it}' } }\n");
        assertTrue(message.contains("DB_PASSWORD is required: set it"), message);
    }

    @Test
    void rejectsPortOutOfRange() {
        String message = problem("services:\n  web: { image: x, ports: ['70000:80'] }\n");
        assertTrue(message.contains("70000 is out of range"), message);
        assertThrows(InvalidComposeException.class, () -> parse("services:\n  web: { image: x, expose: [0] }\n"));
    }

    @Test
    void rejectsServiceWithoutImageOrBuild() {
        assertTrue(problem("services:\n  web: { command: x }\n").contains("neither 'image' nor 'build'"));
    }

    @Test
    void rejectsUndeclaredVolume() {
        assertTrue(problem("services:\n  web: { image: x, volumes: ['data:/d'] }\n").contains("not declared"));
    }

    @Test
    void rejectsForbiddenOptionsUnlessAllowed() {
        Map<String, String> cases = Map.of(
                "privileged", "privileged: true",
                "network_mode_host", "network_mode: host",
                "pid_host", "pid: host",
                "bind_mounts", "volumes: ['/etc:/host-etc']",
                "docker_socket", "volumes: ['/var/run/docker.sock:/var/run/docker.sock']",
                "cap_add", "cap_add: [NET_ADMIN]",
                "devices", "devices: ['/dev/kmsg:/dev/kmsg']");
        cases.forEach((option, yaml) -> {
            ComposeFile file = parse("services:\n  web:\n    image: x\n    " + yaml + "\n");
            InvalidComposeException e = assertThrows(InvalidComposeException.class, () -> Safety.check(file, Set.of()));
            assertTrue(e.getMessage().contains("allow '" + option + "'"), e.getMessage());
            Safety.check(file, Set.of(option));
        });
    }
}
