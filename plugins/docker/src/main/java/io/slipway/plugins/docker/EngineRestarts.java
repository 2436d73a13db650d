package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Whether the engine restarted since a moment: a restart stops every container and starts again
 * those with a restart policy, so a container that ran then and was started after it says so,
 * even once the engine answers again. Watches at most three containers.
 */
final class EngineRestarts {
    private final List<String> running;
    private final Instant since;

    private EngineRestarts(List<String> running, Instant since) {
        this.running = running;
        this.since = since;
    }

    /** Notes the containers running now. */
    static EngineRestarts watch(DockerClient client) {
        Instant now = Instant.now();
        try {
            return new EngineRestarts(client.listContainersCmd().exec().stream().limit(3).map(Container::getId).toList(), now);
        } catch (RuntimeException e) {
            return new EngineRestarts(List.of(), now);
        }
    }

    /** True when a watched container was started again since, or the engine does not answer. */
    boolean happened(DockerClient client) {
        for (String id : running) {
            try {
                String started = client.inspectContainerCmd(id).exec().getState().getStartedAt();
                if (started != null && Instant.parse(started).isAfter(since)) {
                    return true;
                }
            } catch (NotFoundException | DateTimeParseException e) {
                // removed meanwhile, or a time this engine writes otherwise: no evidence either way
            } catch (RuntimeException unreachable) {
                return true;
            }
        }
        return false;
    }
}
