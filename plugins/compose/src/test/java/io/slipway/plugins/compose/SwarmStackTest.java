package io.slipway.plugins.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.SwarmSpec;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.deploy.ServiceStatus;
import io.slipway.plugin.testkit.TestStepContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three-service stack as Swarm services on a one-node swarm made for this test (and always left). */
class SwarmStackTest {
    @TempDir
    Path tmp;

    @Test
    void deploysStackAsSwarmServicesWithReplicasAndRollingUpdate() throws Exception {
        StackFixture stack = new StackFixture(tmp, "swarm");
        stack.require();
        try {
            stack.call(c -> c.initializeSwarmCmd(new SwarmSpec()).withAdvertiseAddr("127.0.0.1")
                    .withListenAddr("127.0.0.1:2377").exec());
            TestStepContext step = StackFixture.step();
            Artifact artifact = stack.build("1", step);
            Map<String, String> env = Map.of("WEB_REPLICAS", "2");
            Release first = stack.deploy(artifact, "1", env, step);
            assertTrue(step.logged("on Swarm"), step.lines()::toString);
            List<ServiceStatus> states = stack.deployer.services(first, stack.deployConfig);
            ServiceStatus web = states.stream().filter(s -> s.name().equals("web")).findFirst().orElseThrow();
            assertEquals(2, web.running(), states::toString);
            assertEquals("healthy", states.stream().filter(s -> s.name().equals("api")).findFirst().orElseThrow()
                    .health());
            assertEquals("web ok", StackFixture.get(first.endpoint().orElseThrow().port()).strip());

            TestStepContext second = StackFixture.step();
            Release next = stack.deploy(artifact, "2", Map.of("WEB_REPLICAS", "2", "GREETING", "hi"), second);
            assertTrue(second.logged("Service web: rolling update completed"), second.lines()::toString);
            assertTrue(second.logged("Service api: unchanged") && second.logged("Service db: unchanged"));
            assertEquals(2, stack.deployer.services(next, stack.deployConfig).stream()
                    .filter(s -> s.name().equals("web")).findFirst().orElseThrow().running());
            assertEquals("web ok", StackFixture.get(next.endpoint().orElseThrow().port()).strip());

            stack.deployer.retire(first, stack.deployConfig);
            assertEquals(3, stack.call(c -> c.listServicesCmd().withLabelFilter(Map.of(
                    io.slipway.plugins.docker.EngineAccess.APP_LABEL, stack.app)).exec()).size(),
                    "services the next release uses stay");
            stack.deployer.retire(next, stack.deployConfig);
            stack.deployer.removeApp(stack.app, stack.deployConfig);
            assertEquals(List.of(), stack.leftovers());
        } finally {
            stack.close();
            // Other engineers' tests share this engine: never leave it a swarm manager.
            stack.call(c -> {
                c.leaveSwarmCmd().withForceEnabled(true).exec();
                return null;
            });
        }
    }
}
