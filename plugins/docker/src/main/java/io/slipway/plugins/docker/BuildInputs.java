package io.slipway.plugins.docker;

import io.slipway.plugin.api.StepFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Dockerfile and context folder of a build, found in the source and proven to stay inside it. */
record BuildInputs(Path dockerfile, Path context) {

    static BuildInputs locate(Path sourceDir, DockerfileSettings settings) {
        Path source = sourceDir.toAbsolutePath().normalize();
        Path dockerfile = RelativePath.under(source, settings.dockerfile());
        Path context = RelativePath.under(source, settings.context());
        if (!Files.isRegularFile(dockerfile)) {
            throw new StepFailedException("No Dockerfile at '" + settings.dockerfile() + "' in the source (looked at "
                    + dockerfile + "): add one, or set the builder's 'dockerfile' setting to where it is.");
        }
        if (!Files.isDirectory(context)) {
            throw new StepFailedException("No context folder '" + settings.context() + "' in the source (looked at "
                    + context + "): set the builder's 'context' setting to an existing folder.");
        }
        try {
            // A symbolic link in the source must not lead the build to files outside it.
            Path realSource = source.toRealPath();
            if (!dockerfile.toRealPath().startsWith(realSource) || !context.toRealPath().startsWith(realSource)) {
                throw new StepFailedException("The Dockerfile or context folder links outside the source folder: "
                        + "remove the symbolic link.");
            }
        } catch (IOException e) {
            throw new StepFailedException("Could not read the source folder " + source + ": " + e.getMessage(), e);
        }
        return new BuildInputs(dockerfile, context);
    }
}
