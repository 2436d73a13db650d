package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.war.testing.ContainerDeployment;
import io.slipway.war.testing.SlipwayProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An operator undeploys slipway.war and deploys it again (an upgrade) without restarting the container. */
class ContainerRedeployTest {
    @Test
    void startsAgainWhenRedeployedIntoTheSameContainer() throws Exception {
        try (ContainerDeployment first = ContainerDeployment.deploy(SlipwayProcess.builtWar(), SlipwayProcess.newHome("redeploy-first"))) {
            first.awaitHealthy(Duration.ofSeconds(60));
        }
        try (ContainerDeployment second = ContainerDeployment.deploy(SlipwayProcess.builtWar(), SlipwayProcess.newHome("redeploy-second"))) {
            second.awaitHealthy(Duration.ofSeconds(60));
            assertEquals(200, second.get("/api/v1/health").statusCode());
        }
    }
}
