package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Network;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
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

    /**
     * Creates the network unless it exists; returns its name. One server's deployments take turns
     * here, but servers sharing an engine can still both create it (the engine's duplicate check
     * is best effort: Docker 20.10 made three networks of one name for 50 deployments at once), and
     * containers cannot join an ambiguous name. So every caller then keeps the oldest network of
     * the name and removes the others: all agree on which one stays.
     */
    static synchronized String ensure(DockerClient client, String name, Map<String, String> labels) {
        if (find(client, name).isEmpty()) {
            create(client, name, labels);
        }
        keepOldest(client, name);
        return name;
    }

    private static void create(DockerClient client, String name, Map<String, String> labels) {
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
    }

    private static void keepOldest(DockerClient client, String name) {
        List<Network> same = named(client, name);
        same.stream().sorted(Comparator.comparing((Network n) -> n.getCreated() == null ? new Date(0) : n.getCreated())
                        .thenComparing(Network::getId))
                .skip(1)
                .forEach(duplicate -> {
                    try {
                        client.removeNetworkCmd(duplicate.getId()).exec();
                    } catch (com.github.dockerjava.api.exception.DockerException goneOrInUse) {
                        // another caller removed it first (or a container joined it by id): leave it
                    }
                });
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
        return named(client, name).stream().findFirst();
    }

    private static List<Network> named(DockerClient client, String name) {
        // The engine's name filter matches substrings: compare exactly.
        return client.listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(n -> name.equals(n.getName())).toList();
    }
}
