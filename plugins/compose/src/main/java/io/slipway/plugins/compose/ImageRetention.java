package io.slipway.plugins.compose;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.step.StepContext;
import io.slipway.plugins.docker.EngineAccess;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the tags of a service's images from the last {@link #KEEP} deployments (what a rollback
 * may start again) and removes older ones. An image a container still uses is left alone by the
 * engine; an unchanged service's tags share one image, so this frees space only for changed ones.
 */
final class ImageRetention {
    static final int KEEP = 5;

    private final EngineAccess engines;
    private final int keep;

    ImageRetention(EngineAccess engines, int keep) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.keep = keep;
    }

    /** @param repository {@code slipway/<app>-<service>}, whose tags are deployment ids */
    void prune(Config config, String repository, StepContext step) {
        try {
            engines.call(config, c -> {
                List<String> tags = c.listImagesCmd().withReferenceFilter(repository).exec().stream()
                        .flatMap(i -> i.getRepoTags() == null ? java.util.stream.Stream.empty()
                                : java.util.Arrays.stream(i.getRepoTags()))
                        .filter(t -> t.startsWith(repository + ":") && t.substring(repository.length() + 1)
                                .matches("\\d+"))
                        .sorted(Comparator.comparingLong((String t) -> Long.parseLong(t.substring(repository.length()
                                + 1))).reversed())
                        .toList();
                for (String old : tags.subList(Math.min(keep, tags.size()), tags.size())) {
                    try {
                        c.removeImageCmd(old).exec();
                        step.log().line("Removed old image tag " + old);
                    } catch (RuntimeException inUse) {
                        // Still used by a container (an older release not yet retired): next build.
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            // Keeping too many images is no reason to fail a build that succeeded.
            step.log().line("Could not remove old images of " + repository + ": " + e.getMessage());
        }
    }
}
