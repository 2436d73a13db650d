package io.slipway.core.stacks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stack as the API shows it.
 *
 * @param id the stack's id
 * @param name its app's name (its host is {@code <name>.<base domain>})
 * @param compose the pasted compose file, when it is not read from the repository
 * @param allowedOptions guarded compose options an admin allowed for this stack
 */
public record StackView(long id, String name, String project, Optional<String> compose, String composePath,
                        String expose, String mode, String swarmPublish, boolean removeVolumes, String source,
                        List<String> allowedOptions, String createdBy, Instant createdAt) {
}
