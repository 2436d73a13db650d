package io.slipway.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines a pipeline worker logs while it runs a deployment carry that deployment's id. */
class DeploymentLogLinesTest {
    @Test
    void aDeploymentsLinesCarryItsId() {
        try (LogCapture pipeline = new LogCapture("io.slipway.core.pipeline", Level.INFO);
             PipelineTestSupport t = PipelineTestSupport.start()) {
            t.app("web", Map.of());
            long live = t.deploy("web");
            assertEquals("ACTIVE", t.awaitFinal(live).get("phase").asText());
            JsonNode liveLine = pipeline.await(l -> l.get("formattedMessage").asText()
                    .equals("Deployment " + live + " of app web (production) is live"));
            assertEquals(Long.toString(live), liveLine.path("mdc").path(LogFields.DEPLOYMENT_ID).asText());

            t.app("broken", Map.of("builder", "fail"));
            long id = t.deploy("broken");
            assertEquals("FAILED", t.awaitFinal(id).get("phase").asText());

            JsonNode failed = pipeline.await(l -> l.get("formattedMessage").asText()
                    .startsWith("Deployment " + id + " of app broken (production) ended FAILED: BUILDING failed"));
            assertEquals(Long.toString(id), failed.path("mdc").path(LogFields.DEPLOYMENT_ID).asText(), failed.toString());
            assertTrue(failed.get("threadName").asText().length() > 0);
        }
    }
}
