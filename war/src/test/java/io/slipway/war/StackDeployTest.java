package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.GitRepo;
import io.slipway.war.testing.RouterClient;
import io.slipway.war.testing.SlipwayProcess;
import io.slipway.war.testing.WarStack;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Compose stacks end to end: the built war, its bundled git, docker and compose plugins, a real
 * engine, a git repository served from this JVM, the app router. A three-service stack comes up
 * in dependency order and is served through the router; a redeploy with one changed service
 * recreates only that one; deleting the stack leaves nothing labelled behind. Two replicas both
 * answer through the router, and a rollback restarts the stack with the env file it was built
 * with (sealed in the plugin's secret store, not the artifact). Then one test per
 * kind of bad compose file. Everything is labelled {@code slipway.app=<stack>} and removed after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackDeployTest {
    private static final String BASE_IMAGE = "slipway-test/busybox:latest";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(120);
    private static final String COMPOSE = """
            services:
              web:
                build: { context: web }
                command: ["httpd", "-f", "-p", "80", "-h", "/www"]
                environment:
                  GREETING: ${GREETING:-hello}
                depends_on:
                  api: { condition: service_healthy }
              api:
                build: { context: api }
                command: ["httpd", "-f", "-p", "8081", "-h", "/www"]
                healthcheck:
                  test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8081/"]
                  interval: 1s
                  retries: 10
                depends_on: [db]
              db:
                image: slipway-test/busybox:latest
                command: ["sleep", "3600"]
                volumes: ["data:/data"]
            volumes:
              data: {}
            """;

    private final DockerCli docker = DockerCli.local();
    private final List<String> stacks = new ArrayList<>();
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private WarStack war;
    private SlipwayProcess slipway;
    private DeploymentsApi api;
    private boolean ready;

    @BeforeAll
    void start() throws Exception {
        ready = docker.answers() && docker.hasImage(BASE_IMAGE);
        if (!ready) {
            return;
        }
        war = WarStack.withGit(docker, "stk", SlipwayProcess.builder().name("stacks").dockerHost(docker)
                .jvmArg("-Dslipway.pipeline.retireGraceMillis=1000"));
        slipway = war.slipway();
        api = war.api();
    }

    @BeforeEach
    void requireDocker() {
        RequiresExternal.require("A Docker engine with " + BASE_IMAGE, ready, "run `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() throws Exception {
        try (WarStack started = war) {
            // stops the server and removes the stacks' containers, which hold their volumes
        } finally {
            for (String s : stacks) {
                docker.quietly(List.of("volume", "rm", "slipway-" + s + "-production_data"));
            }
        }
    }

    @Test
    void comesUpInOrderServedByRouterRedeploysOnlyTheChangedServiceAndLeavesNothingBehind() throws Exception {
        String name = newStack();
        try (GitRepo repo = GitRepo.open(war.repos().resolve(name))) {
            repo.commit("three services", Map.of("compose.yaml", COMPOSE,
                    "web/Dockerfile", "FROM " + BASE_IMAGE + "\nRUN mkdir -p /www && echo web ok > /www/index.html\n",
                    "api/Dockerfile", "FROM " + BASE_IMAGE + "\nRUN mkdir -p /www && echo api ok > /www/index.html\n"));
        }
        HttpResponse<String> created = slipway.postJson("/api/v1/stacks", "{\"project\": \"stk\", \"name\": \"" + name
                + "\", \"source\": {\"type\": \"git\", \"config\": {\"url\": \"" + war.git().url(name) + "\", \"branch\": "
                + "\"main\"}}, \"composePath\": \"compose.yaml\", \"expose\": \"web:80\", \"mode\": \"engine\", "
                + "\"removeVolumes\": true}");
        assertEquals(201, created.statusCode(), created.body());
        String id = field(created.body(), "id");

        long first = deploy(id, "ACTIVE");
        String log = api.log(first);
        assertTrue(log.indexOf("Service db: started") < log.indexOf("Service api: waiting for db")
                && log.indexOf("Service api: started") < log.indexOf("Service web: waiting for api (service_healthy)")
                && log.indexOf("Service web: waiting for api") < log.indexOf("Service web: started"), log);
        awaitServed(name + ".localhost", "web ok");
        assertEquals(List.of("GREETING=hello"), env(name, "web"));

        HttpResponse<String> services = slipway.get("/api/v1/stacks/" + id + "/services");
        assertEquals(200, services.statusCode(), services.body());
        assertTrue(services.body().contains("\"name\":\"api\"") && services.body().contains("\"health\":\"healthy\""),
                services.body());
        HttpResponse<String> health = slipway.get("/api/v1/stacks/" + id + "/health");
        assertTrue(health.body().contains("\"status\":\"healthy\""), health.body());
        HttpResponse<String> page = slipway.get("/stacks/" + id);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("graph.svg") && page.body().contains("db"), page.body());
        HttpResponse<String> svg = slipway.get("/stacks/" + id + "/graph.svg");
        assertTrue(svg.body().startsWith("<svg") && !svg.body().contains("<script"), svg.body());

        String apiBefore = container(name, "api");
        String dbBefore = container(name, "db");
        HttpResponse<String> patched = slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/stacks/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"env\": {\"GREETING\": \"hi\"}}")).build());
        assertEquals(200, patched.statusCode(), patched.body());
        long second = deploy(id, "ACTIVE");
        String log2 = api.log(second);
        assertTrue(log2.contains("Service api: unchanged") && log2.contains("Service db: unchanged")
                && log2.contains("Service web: started"), log2);
        awaitContainers(name, 3);
        assertEquals(apiBefore, container(name, "api"));
        assertEquals(dbBefore, container(name, "db"));
        assertEquals(List.of("GREETING=hi"), env(name, "web"));
        awaitServed(name + ".localhost", "web ok");

        HttpResponse<String> deleted = slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/stacks/" + id))
                .DELETE().build());
        assertEquals(204, deleted.statusCode(), deleted.body());
        awaitContainers(name, 0);
        String label = "label=slipway.app=" + name;
        assertEquals(List.of(), docker.lines("network", "ls", "-q", "--filter", label));
        assertEquals(List.of(), docker.lines("volume", "ls", "-q", "--filter", label));
        assertEquals(List.of(), docker.lines("images", "-q", "--filter", label));
    }

    @Test
    void servesEveryReplicaThroughTheRouterAndRollsBackWithTheEnvFileItWasBuiltWith() throws Exception {
        String name = newStack();
        String compose = """
                services:
                  web:
                    build: { context: web }
                    command: ["sh", "-c", "hostname > /www/who.html && exec httpd -f -p 80 -h /www"]
                    env_file: [web.env]
                    deploy: { replicas: 2 }
                """;
        String firstToken = "first-" + run;
        try (GitRepo repo = GitRepo.open(war.repos().resolve(name))) {
            repo.commit("two replicas", Map.of("compose.yaml", compose, "web.env", "SECRET_TOKEN=" + firstToken + "\n",
                    "web/Dockerfile", "FROM " + BASE_IMAGE + "\nRUN mkdir -p /www && echo web ok > /www/index.html\n"));
        }
        HttpResponse<String> created = slipway.postJson("/api/v1/stacks", "{\"project\": \"stk\", \"name\": \"" + name
                + "\", \"source\": {\"type\": \"git\", \"config\": {\"url\": \"" + war.git().url(name) + "\", \"branch\": "
                + "\"main\"}}, \"composePath\": \"compose.yaml\", \"expose\": \"web:80\", \"mode\": \"engine\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = field(created.body(), "id");

        long first = deploy(id, "ACTIVE");
        awaitServed(name + ".localhost", "web ok");
        java.util.Set<String> answeredBy = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            RouterClient.Reply r = war.router().get(name + ".localhost", "/who.html");
            assertEquals(200, r.status(), r.body());
            answeredBy.add(r.body().strip());
        }
        assertEquals(2, answeredBy.size(), "both replicas answer through the router: " + answeredBy);
        assertEquals(List.of("SECRET_TOKEN=" + firstToken, "SECRET_TOKEN=" + firstToken), tokens(name));

        try (GitRepo repo = GitRepo.open(war.repos().resolve(name))) {
            repo.commit("new token", Map.of("web.env", "SECRET_TOKEN=second-" + run + "\n"));
        }
        deploy(id, "ACTIVE");
        awaitContainers(name, 2);
        assertEquals(List.of("SECRET_TOKEN=second-" + run, "SECRET_TOKEN=second-" + run), tokens(name));

        HttpResponse<String> rollback = slipway.postJson("/api/v1/deployments/" + first + "/rollback", "{}");
        assertEquals(202, rollback.statusCode(), rollback.body());
        long back = Long.parseLong(field(rollback.body(), "id"));
        assertEquals("ACTIVE", api.awaitEnd(back, DEPLOY_TIMEOUT), api.log(back));
        awaitContainers(name, 2);
        assertEquals(List.of("SECRET_TOKEN=" + firstToken, "SECRET_TOKEN=" + firstToken), tokens(name),
                "the rollback restarts the stack with the env file it was built with");
    }

    private List<String> tokens(String stack) {
        List<String> found = new ArrayList<>();
        for (String container : docker.lines("ps", "-q", "--filter", "label=slipway.app=" + stack)) {
            docker.lines("inspect", "--format", "{{range .Config.Env}}{{println .}}{{end}}", container).stream()
                    .filter(l -> l.startsWith("SECRET_TOKEN=")).forEach(found::add);
        }
        return found;
    }

    @Test
    void rejectsInvalidYamlWithLineAndColumn() {
        HttpResponse<String> r = create("services:\n  web:\n    image: [busybox\n  api: x\n");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"compose\"") && r.body().contains("line ") && r.body().contains("column "),
                r.body());
    }

    @Test
    void rejectsDependencyCycleNamingIt() {
        HttpResponse<String> r = create("services:\n  web: {image: x, depends_on: [api]}\n"
                + "  api: {image: x, depends_on: [web]}\n");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("web -> api -> web"), r.body());
    }

    @Test
    void rejectsDependencyOnMissingService() {
        HttpResponse<String> r = create("services:\n  web: {image: x, depends_on: [cache]}\n");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("'cache'"), r.body());
    }

    @Test
    void rejectsForbiddenOptionUntilAnAdminAllowsIt() {
        String yaml = "services:\n  web: {image: x, volumes: ['/var/run/docker.sock:/var/run/docker.sock']}\n";
        HttpResponse<String> r = create(yaml);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("docker_socket"), r.body());

        HttpResponse<String> plain = create("services:\n  web: {image: x}\n");
        assertEquals(201, plain.statusCode(), plain.body());
        String id = field(plain.body(), "id");
        HttpResponse<String> allowed = slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/stacks/" + id
                + "/allowed-options")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"options\": [\"docker_socket\"]}")).build());
        assertEquals(200, allowed.statusCode(), allowed.body());
        HttpResponse<String> patched = slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/stacks/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"compose\": \"" + json(yaml) + "\"}")).build());
        assertEquals(200, patched.statusCode(), patched.body());
    }

    @Test
    void rejectsPortOutOfRange() {
        HttpResponse<String> r = create("services:\n  web: {image: x, ports: ['99999:80']}\n");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("99999 is out of range"), r.body());
    }

    @Test
    void failsDeploymentWhenRequiredVariableIsUnsetAndWarnsOfUnknownKeys() {
        HttpResponse<String> r = create("services:\n  web:\n    image: " + BASE_IMAGE + "\n    environment:\n"
                + "      TOKEN: ${API_TOKEN:?set API_TOKEN in the stack's variables}\nunknown_key: 1\n");
        assertEquals(201, r.statusCode(), r.body());
        long d = deploy(field(r.body(), "id"), "FAILED");
        String log = api.log(d);
        assertTrue(log.contains("API_TOKEN is required: set API_TOKEN in the stack's variables"), log);
        assertTrue(log.contains("Warning: Unknown top-level key 'unknown_key' was ignored"), log);
        HttpResponse<String> missing = slipway.get("/api/v1/stacks/999999");
        assertEquals(404, missing.statusCode(), missing.body());
    }

    private HttpResponse<String> create(String yaml) {
        return slipway.postJson("/api/v1/stacks", "{\"project\": \"stk\", \"name\": \"" + newStack()
                + "\", \"compose\": \"" + json(yaml) + "\", \"expose\": \"web:80\", \"mode\": \"engine\"}");
    }

    private long deploy(String stackId, String phase) {
        HttpResponse<String> r = slipway.postJson("/api/v1/stacks/" + stackId + "/deploy", "{}");
        assertEquals(202, r.statusCode(), r.body());
        long id = Long.parseLong(field(r.body(), "id"));
        String end = api.awaitEnd(id, DEPLOY_TIMEOUT);
        assertEquals(phase, end, "deployment " + id + ": " + api.get(id) + "\nLog:\n" + api.log(id));
        return id;
    }

    private String newStack() {
        String name = war.removeAfter("st" + (stacks.size() + 1) + "-" + run);
        stacks.add(name);
        return name;
    }

    private String container(String stack, String service) {
        List<String> ids = docker.lines("ps", "-q", "--filter", "label=slipway.app=" + stack, "--filter",
                "label=slipway.compose.service=" + service);
        assertEquals(1, ids.size(), service + " containers: " + ids);
        return ids.get(0);
    }

    private List<String> env(String stack, String service) {
        return docker.lines("inspect", "--format", "{{range .Config.Env}}{{println .}}{{end}}",
                container(stack, service)).stream().filter(l -> l.startsWith("GREETING=")).toList();
    }

    private void awaitContainers(String stack, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> ids = docker.lines("ps", "-a", "-q", "--filter", "label=slipway.app=" + stack);
        while (ids.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(250);
            ids = docker.lines("ps", "-a", "-q", "--filter", "label=slipway.app=" + stack);
        }
        assertEquals(count, ids.size(), "containers of " + stack + ": " + ids);
    }

    private void awaitServed(String host, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                RouterClient.Reply r = war.router().get(host, "/");
                last = r.status() + " " + r.body();
                if (r.status() == 200 && r.body().contains(text)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The router did not serve '" + text + "' for " + host + "; last reply: " + last);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
