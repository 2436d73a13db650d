package io.slipway.plugins.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.deploy.ServiceStatus;
import io.slipway.plugin.testkit.TestStepContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeDeployerTest {
    @TempDir
    Path tmp;
    private StackFixture stack;

    @AfterEach
    void clean() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bringsStackUpInOrderRecreatesOnlyChangedServiceAndLeavesNothingBehind() throws Exception {
        stack = new StackFixture(tmp, "engine");
        stack.require();
        TestStepContext step = StackFixture.step();
        Artifact artifact = stack.build("1", step);
        Release first = stack.deploy(artifact, "1", Map.of(), step);

        List<String> lines = step.lines();
        assertTrue(index(lines, "Service db: started") < index(lines, "Service api: waiting for db"), lines::toString);
        assertTrue(index(lines, "Service api: started") < index(lines, "Service web: waiting for api (service_healthy)"));
        assertTrue(index(lines, "Service web: waiting for api") < index(lines, "Service web: started"));
        assertEquals("web ok", StackFixture.get(first.endpoint().orElseThrow().port()).strip());
        assertEquals("hello", env(service("web")).get("GREETING"));
        assertEquals(StackFixture.DB_PASSWORD, env(service("db")).get("DB_PASSWORD"));
        assertTrue(artifact.metadata().values().stream().noneMatch(v -> v.contains(StackFixture.DB_PASSWORD)),
                "the artifact, stored in clear with the deployment, holds no env-file value");
        String api = first.labels().get(ComposeDeployer.ROUTE_LABEL + "api");
        assertEquals("api ok", StackFixture.get(Integer.parseInt(api.substring(api.indexOf(':') + 1))).strip());
        List<ServiceStatus> states = stack.deployer.services(first, stack.deployConfig);
        assertEquals(List.of("db", "api", "web"), states.stream().map(ServiceStatus::name).toList());
        assertEquals("healthy", states.get(1).health());
        assertEquals("running", states.get(2).state());

        Map<String, String> before = ids();
        TestStepContext second = StackFixture.step();
        Release next = stack.deploy(artifact, "2", Map.of("GREETING", "hi"), second);
        assertTrue(second.logged("Service db: unchanged") && second.logged("Service api: unchanged"),
                second.lines()::toString);
        stack.deployer.retire(first, stack.deployConfig);
        Map<String, String> after = ids();
        assertEquals(before.get("db"), after.get("db"));
        assertEquals(before.get("api"), after.get("api"));
        assertNotEquals(before.get("web"), after.get("web"));
        assertEquals(3, stack.containers().size(), "the old web container is gone");
        assertEquals("hi", env(service("web")).get("GREETING"));
        assertEquals("web ok", StackFixture.get(next.endpoint().orElseThrow().port()).strip());

        stack.deployer.retire(next, stack.deployConfig);
        stack.deployer.removeApp(stack.app, stack.deployConfig);
        assertEquals(List.of(), stack.leftovers());
    }

    @Test
    void listsEveryReplicaOfTheExposedServiceForTheRouter() throws Exception {
        stack = new StackFixture(tmp, "engine");
        stack.require();
        TestStepContext step = StackFixture.step();
        Release release = stack.deploy(stack.build("1", step), "1", Map.of("WEB_REPLICAS", "2"), step);
        List<String> backends = List.of(release.labels().get(ComposeDeployer.BACKENDS_LABEL).split(","));
        assertEquals(2, backends.size(), backends::toString);
        String first = release.endpoint().orElseThrow().host() + ":" + release.endpoint().orElseThrow().port();
        assertEquals(first, backends.get(0));
        List<String> answeredBy = new java.util.ArrayList<>();
        for (String b : backends) {
            answeredBy.add(StackFixture.get(Integer.parseInt(b.substring(b.lastIndexOf(':') + 1)), "/who.html").strip());
        }
        assertEquals(2, answeredBy.stream().distinct().count(), "two containers answer: " + answeredBy);
        assertTrue(!release.labels().containsKey(ComposeDeployer.ROUTE_LABEL + "web"));
        assertEquals(1, release.labels().get(ComposeDeployer.ROUTE_LABEL + "api").split(",").length);
    }

    private static int index(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' in " + lines);
    }

    private Map<String, String> ids() {
        return stack.containers().stream().collect(Collectors.toMap(c -> c.getLabels().get(ContainerLabels.SERVICE),
                Container::getId));
    }

    private String service(String name) {
        return ids().get(name);
    }

    private Map<String, String> env(String containerId) {
        String[] env = stack.call(c -> c.inspectContainerCmd(containerId).exec().getConfig().getEnv());
        return Arrays.stream(env)
                .map(e -> e.split("=", 2)).collect(Collectors.toMap(e -> e[0], e -> e.length > 1 ? e[1] : ""));
    }
}
