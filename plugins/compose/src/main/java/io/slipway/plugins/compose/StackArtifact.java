package io.slipway.plugins.compose;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the compose builder hands the compose deployer through the artifact's metadata: the compose
 * file as read (not yet interpolated: the deployer does that with the run-time variables), the
 * images it built per service, a reference per env file it read (the contents are in the
 * {@link EnvFileVault}: the artifact is stored in clear) and the options an admin allowed. Stored
 * with the deployment, so a rollback restarts exactly that stack.
 */
record StackArtifact(String composeFile, Map<String, String> builtImages, Map<String, String> envFileRefs,
                     Set<String> allowed) {
    private static final String FILE = "compose.file";
    private static final String ALLOW = "compose.allow";
    private static final String IMAGE = "image.";
    private static final String ENV_FILE = "envref.";
    /** Where artifacts made before the {@link EnvFileVault} held an env file's contents: never read back. */
    private static final String LEGACY_ENV_FILE = "envfile.";
    private static final String LEGACY_REFERENCE = "legacy";

    StackArtifact {
        builtImages = Map.copyOf(builtImages);
        envFileRefs = Map.copyOf(envFileRefs);
        allowed = Set.copyOf(allowed);
    }

    Artifact toArtifact(String reference) {
        Map<String, String> meta = new HashMap<>();
        meta.put(FILE, composeFile);
        meta.put(ALLOW, String.join(",", allowed));
        builtImages.forEach((s, i) -> meta.put(IMAGE + s, i));
        envFileRefs.forEach((p, r) -> meta.put(ENV_FILE + p, r));
        return new Artifact(reference, meta);
    }

    static StackArtifact from(Artifact artifact) {
        Map<String, String> meta = artifact.metadata();
        String file = Optional.ofNullable(meta.get(FILE)).orElseThrow(() -> new StepFailedException("The artifact "
                + artifact.reference() + " was not made by the compose builder: set the app's builder to 'compose'."));
        Map<String, String> images = new HashMap<>();
        Map<String, String> envFiles = new HashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith(IMAGE)) {
                images.put(k.substring(IMAGE.length()), v);
            } else if (k.startsWith(ENV_FILE)) {
                envFiles.put(k.substring(ENV_FILE.length()), v);
            } else if (k.startsWith(LEGACY_ENV_FILE)) {
                envFiles.putIfAbsent(k.substring(LEGACY_ENV_FILE.length()), LEGACY_REFERENCE);
            }
        });
        Set<String> allowed = new LinkedHashSet<>(Arrays.asList(meta.getOrDefault(ALLOW, "").split(",")));
        allowed.remove("");
        return new StackArtifact(file, images, envFiles, allowed);
    }

    /** The image service {@code s} runs: the one built for it, else its {@code image:}. */
    String imageOf(ServiceSpec s) {
        return Optional.ofNullable(builtImages.get(s.name())).or(s::image).orElseThrow();
    }
}
