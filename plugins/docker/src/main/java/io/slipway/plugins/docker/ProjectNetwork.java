package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Network;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge network the releases of one project share ({@code slipway-<project>}), so apps of
 * a project reach each other by container name; apps whose project is unknown get one each.
 */
final class ProjectNetwork {
    private ProjectNetwork() {
    }

    static String name(String app, Map<String, String> labels) {
        return ReleaseLabels.project(labels).map(p -> ReleaseLabels.engineName("slipway", p))
                .orElseGet(() -> ReleaseLabels.engineName("slipway-app", app));
    }

    /** Creates the network unless it exists; returns its name. */
    static String ensure(DockerClient client, String name, Map<String, String> labels) {
        if (find(client, name).isPresent()) {
            return name;
        }
        Map<String, String> networkLabels = new HashMap<>(labels);
        networkLabels.remove(ReleaseLabels.DEPLOYMENT); // shared by every release: no one deployment owns it
        networkLabels.remove(ReleaseLabels.ENVIRONMENT);
        networkLabels.remove("slipway.revision");
        if (ReleaseLabels.project(labels).isPresent()) {
            networkLabels.remove(ReleaseLabels.APP); // the project's apps share it: no one app owns it
        }
        try {
            client.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                    .withLabels(networkLabels).exec();
        } catch (ConflictException raced) {
            // Another deployment created it meanwhile: that is the network we want.
        }
        return name;
    }

    /** Removes the network unless a container is still attached to it (or it is gone already). */
    static void removeIfUnused(DockerClient client, String name) {
        find(client, name).ifPresent(n -> {
            try {
                client.removeNetworkCmd(n.getId()).exec();
            } catch (com.github.dockerjava.api.exception.DockerException stillUsedOrGone) {
                // in use by another container, or removed meanwhile: leave it
            }
        });
    }

    /** The project an image of {@code repository} was built for, from its labels. */
    static Optional<String> projectOfImages(DockerClient client, String repository) {
        return client.listImagesCmd().withReferenceFilter(repository).exec().stream()
                .map(i -> i.getLabels() == null ? Map.<String, String>of() : i.getLabels())
                .map(ReleaseLabels::project).flatMap(Optional::stream).findFirst();
    }

    private static Optional<Network> find(DockerClient client, String name) {
        // The engine's name filter matches substrings: compare exactly.
        return client.listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName())).findFirst();
    }
}
