package io.slipway.core.projects;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group of apps.
 *
 * @param name a DNS label, unique on the server
 * @param createdAt when it was created (UTC)
 * @param apps the names of its apps, sorted
 */
public record Project(String name, Instant createdAt, List<String> apps) {
    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        apps = List.copyOf(apps);
    }
}
