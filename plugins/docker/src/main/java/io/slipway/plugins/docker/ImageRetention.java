package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.slipway.plugin.api.step.DeploymentLog;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes an app's old images ({@code slipway/<app>:*}) past the newest {@code keep}, never one
 * a running container uses, so disk use stays bounded while rollback keeps a few to go back to.
 */
final class ImageRetention {
    private ImageRetention() {
    }

    /** @return the tags removed */
    static List<String> prune(DockerClient client, String app, int keep, String protectedImageId, DeploymentLog log) {
        String repository = "slipway/" + app;
        // The "reference" filter: withImageNameFilter sends the legacy "filter" parameter, which
        // engines since API 1.41 ignore (every image on the engine would count towards "keep").
        List<Image> images = new ArrayList<>(client.listImagesCmd().withReferenceFilter(repository).exec().stream()
                .filter(i -> i.getRepoTags() != null && Arrays.stream(i.getRepoTags())
                        .anyMatch(t -> t.startsWith(repository + ":")))
                .toList());
        // The list's creation times are whole seconds; builds of one app can be closer than that.
        Map<String, Instant> created = new HashMap<>();
        for (Image image : images) {
            created.put(image.getId(), createdAt(client, image));
        }
        images.sort(Comparator.comparing((Image i) -> created.get(i.getId())).reversed());
        Set<String> inUse = new HashSet<>();
        inUse.add(protectedImageId);
        for (Container c : client.listContainersCmd().withStatusFilter(List.of("running")).exec()) {
            inUse.add(c.getImageId());
        }
        List<String> removed = new ArrayList<>();
        for (int i = keep; i < images.size(); i++) {
            Image image = images.get(i);
            if (inUse.contains(image.getId()) || image.getRepoTags() == null) {
                continue;
            }
            for (String tag : image.getRepoTags()) {
                if (!tag.startsWith(repository + ":")) {
                    continue; // someone tagged it for something else: not ours to remove
                }
                if (remove(client, tag)) {
                    removed.add(tag);
                }
            }
        }
        if (!removed.isEmpty()) {
            log.line("Removed " + removed.size() + " old image(s) of " + app + " (keeping the newest " + keep + "): "
                    + String.join(", ", removed));
        }
        return removed;
    }

    /**
     * Removes one tag (and the parent layers only it used); false when it is gone already or a
     * stopped container still holds it (the next prune tries again). The apps built from one
     * Dockerfile share parent layers: two removals at once (apps deleted together) may both reach a
     * shared parent, and the engine then answers the loser with a 500 "unrecognized image ID".
     * That is a race lost, not a failure: the tag is tried again (three tries in all).
     */
    private static boolean remove(DockerClient client, String tag) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.removeImageCmd(tag).withNoPrune(false).exec();
                return true;
            } catch (NotFoundException gone) {
                return attempt > 1; // gone with the first, failed attempt: removed all the same
            } catch (ConflictException inUse) {
                return false;
            } catch (InternalServerErrorException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("unrecognized image")) {
                    throw e;
                }
            }
        }
    }

    private static Instant createdAt(DockerClient client, Image image) {
        Instant fallback = Instant.ofEpochSecond(image.getCreated() == null ? 0L : image.getCreated());
        try {
            String created = client.inspectImageCmd(image.getId()).exec().getCreated();
            return created == null ? fallback : Instant.parse(created);
        } catch (NotFoundException | DateTimeParseException e) {
            return fallback;
        }
    }
}
