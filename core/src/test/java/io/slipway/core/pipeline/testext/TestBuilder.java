package io.slipway.core.pipeline.testext;

import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.Extension;

/** A builder whose artifact is its image tag. */
@Extension
public final class TestBuilder implements Builder {
    @Override
    public String id() {
        return "test-builder";
    }

    @Override
    public String displayName() {
        return "Test builder";
    }

    @Override
    public ConfigSchema configSchema() {
        return TestBehaviour.schema();
    }

    @Override
    public boolean detect(Path sourceDir) {
        return Files.exists(sourceDir.resolve("app.txt"));
    }

    @Override
    public Artifact build(BuildRequest request, StepContext step) {
        TestBehaviour.perform("BUILDING", request.config(), step);
        return Artifact.of(request.imageTag());
    }
}
