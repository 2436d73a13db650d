package io.slipway.plugins.compose;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import org.pf4j.Extension;

/**
 * The source of a stack whose compose file was pasted in and whose services all use ready images:
 * there is no repository, so fetching makes an empty source folder.
 */
@Extension
public final class InlineSource implements SourceProvider {
    @Override
    public String id() {
        return "inline";
    }

    @Override
    public String displayName() {
        return "No repository (pasted compose file)";
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    @Override
    public SourceRevision fetch(SourceRequest request, StepContext step) {
        try {
            Files.createDirectories(request.targetDir());
        } catch (IOException e) {
            throw new StepFailedException("Could not create the source folder " + request.targetDir() + ": "
                    + e.getMessage(), e);
        }
        return new SourceRevision("inline", "Compose file pasted in Slipway", "slipway", request.ref().orElse("inline"));
    }
}
