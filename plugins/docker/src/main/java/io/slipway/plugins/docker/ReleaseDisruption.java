package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.plugin.api.deploy.Release;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a release's container is still the one the deployer started: it exists, and nothing
 * started it again since, as the engine does with every container (under its restart policy) when
 * the engine itself restarts. The start time the deployer saw is kept in the release's labels
 * ({@link #STARTED_AT}): the container's own labels are fixed at its creation.
 */
final class ReleaseDisruption {
    static final String STARTED_AT = "slipway.started-at";

    private ReleaseDisruption() {
    }

    /** {@code labels} plus the container's current start time. */
    static Map<String, String> withStartTime(InspectContainerResponse started, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        Optional.ofNullable(started.getState().getStartedAt()).ifPresent(t -> all.put(STARTED_AT, t));
        return all;
    }

    static Optional<String> of(DockerClient client, Release release) {
        String shortId = release.id().substring(0, Math.min(12, release.id().length()));
        InspectContainerResponse info;
        try {
            info = client.inspectContainerCmd(release.id()).exec();
        } catch (NotFoundException gone) {
            return Optional.of("its container " + shortId + " is gone from the Docker engine");
        }
        String seen = release.labels().get(STARTED_AT);
        String now = info.getState().getStartedAt();
        if (seen == null || seen.equals(now)) {
            return Optional.empty();
        }
        Integer restarts = info.getRestartCount();
        if (restarts != null && restarts > 0) {
            // It exited and its restart policy ran it again: the check judged the process that runs now.
            return Optional.empty();
        }
        return Optional.of("its container " + shortId + " was started again at " + now
                + ", not by its restart policy: the Docker engine restarted, or someone restarted it");
    }
}
