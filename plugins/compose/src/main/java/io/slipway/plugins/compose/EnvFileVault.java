package io.slipway.plugins.compose;

import io.slipway.plugin.api.SecretStore;
import io.slipway.plugin.api.StepFailedException;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps the contents of a stack's {@code env_file}s in the plugin's secret store (encrypted at rest
 * by Slipway) so the artifact, which Slipway stores in clear with the deployment, carries only a
 * random reference per file. A sealed file is never overwritten: a rollback to that deployment
 * opens exactly the contents it was built with.
 */
final class EnvFileVault {
    private static final String PREFIX = "envfile.";

    private final SecretStore secrets;

    EnvFileVault(SecretStore secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** Stores {@code content} and answers the reference to put in the artifact. */
    String seal(String content) {
        String reference = PREFIX + UUID.randomUUID();
        secrets.put(reference, Objects.requireNonNull(content, "content"));
        return reference;
    }

    /** The contents stored under {@code reference} by {@link #seal}. */
    String open(String path, String reference) {
        if (!reference.startsWith(PREFIX)) {
            throw new StepFailedException("The env file '" + path + "' of this deployment was stored by an older "
                    + "Slipway: deploy the stack again from its source.");
        }
        return secrets.get(reference).orElseThrow(() -> new StepFailedException("The env file '" + path + "' of this "
                + "deployment is no longer stored: deploy the stack again from its source."));
    }
}
