package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers on one engine can both create a project's network at once (the engine's duplicate
 * check is best effort); a container cannot join an ambiguous name, so the next ensure keeps the
 * oldest and removes the rest.
 */
class ProjectNetworkTest {
    @RegisterExtension
    static final DockerTestRun run = DockerTestRun.start();

    @Test
    void ensureKeepsTheOldestOfNetworksCreatedTwiceUnderOneName() throws Exception {
        String name = "slipway-dt" + run.id + "-twice";
        Map<String, String> labels = Map.of(DockerTestRun.TEST_LABEL, run.id);
        String oldest = run.client().createNetworkCmd().withName(name).withLabels(labels).withCheckDuplicate(false)
                .exec().getId();
        Thread.sleep(20); // distinct creation times
        run.client().createNetworkCmd().withName(name).withLabels(labels).withCheckDuplicate(false).exec();
        assertEquals(2, named(name).size(), "the engine made a second network of the same name");

        ProjectNetwork.ensure(run.client(), name, labels);

        assertEquals(List.of(oldest), named(name).stream().map(Network::getId).toList());
    }

    private static List<Network> named(String name) {
        return run.client().listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName())).toList();
    }
}
