package io.slipway.core.webhooks;

import io.slipway.core.rules.SourceApp;
import java.util.List;
import java.util.Optional;

/** The repository an app's source config names, under the keys source plugins use for it. */
final class RepositoryNames {
    static final List<String> KEYS = List.of("url", "repository", "repo", "project", "cloneUrl");

    private RepositoryNames() {
    }

    static List<RepositoryName> of(SourceApp app) {
        return KEYS.stream().map(app::text).flatMap(Optional::stream).map(RepositoryName::parse)
                .flatMap(Optional::stream).toList();
    }
}
