package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Whether the engine restarted since a moment: a restart stops every container and starts again
 * those with a restart policy, so a container that ran then and was started after it says so,
 * even once the engine answers again. Watches at most three containers.
 *
 * <pre>{@code
 * EngineRestarts restarts = EngineRestarts.watch(client); // then start the build at once
 * if (failedWith137 && restarts.happened(client)) { ... }
 * }</pre>
 */
final class EngineRestarts {
    private final CompletableFuture<Watched> watched;

    private EngineRestarts(CompletableFuture<Watched> watched) {
        this.watched = watched;
    }

    /** The containers running at one moment, and that moment. */
    private record Watched(List<String> running, Instant since) {
    }

    /**
     * Notes the containers running now, on a thread of its own: the note is read only when a build
     * fails, so the build need not wait for the engine's list (a round trip on the way to every
     * new release's first answer). The moment is taken once the list is in, so a container
     * started while it was asked for never counts as restarted.
     */
    static EngineRestarts watch(DockerClient client) {
        CompletableFuture<Watched> watched = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                List<String> running = client.listContainersCmd().exec().stream().limit(3).map(Container::getId).toList();
                watched.complete(new Watched(running, Instant.now()));
            } catch (RuntimeException e) {
                watched.complete(new Watched(List.of(), Instant.now()));
            }
        }, "docker-engine-restarts");
        t.setDaemon(true);
        t.start();
        return new EngineRestarts(watched);
    }

    /** True when a watched container was started again since, or the engine does not answer. */
    boolean happened(DockerClient client) {
        Watched w = watched.join();
        for (String id : w.running()) {
            try {
                String started = client.inspectContainerCmd(id).exec().getState().getStartedAt();
                if (started != null && Instant.parse(started).isAfter(w.since())) {
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
