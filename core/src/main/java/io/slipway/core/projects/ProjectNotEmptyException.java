package io.slipway.core.projects;

import io.slipway.core.ConflictException;
import java.util.List;
import java.util.Map;

/** A project cannot be deleted while it still has apps (409). */
public final class ProjectNotEmptyException extends ConflictException {
    private final List<String> apps;

    public ProjectNotEmptyException(String project, List<String> apps) {
        super("Project '" + project + "' still has " + apps.size() + " app(s): " + String.join(", ", apps)
                + ". Delete or move them first.");
        this.apps = List.copyOf(apps);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("apps", apps);
    }
}
