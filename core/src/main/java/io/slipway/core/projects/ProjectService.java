package io.slipway.core.projects;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Creates, lists and deletes projects. Names are DNS labels, unique on the server. */
public final class ProjectService {
    private final Jdbi jdbi;
    private final Clock clock;

    public ProjectService(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws InvalidInputException naming {@code name} when it is not a DNS label
     * @throws ConflictException when the name is taken
     */
    public Project create(String name) {
        DnsLabel.check("name", name).ifPresent(e -> {
            throw new InvalidInputException(List.of(e));
        });
        Instant now = SqlTimes.now(clock);
        try {
            jdbi.useTransaction(h -> {
                if (find(h, name).isPresent()) {
                    throw duplicate(name);
                }
                h.createUpdate("INSERT INTO projects (name, created_at) VALUES (:name, :at)")
                        .bind("name", name).bind("at", SqlTimes.bind(now)).execute();
            });
        } catch (RuntimeException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw duplicate(name);
            }
            throw e;
        }
        return new Project(name, now, List.of());
    }

    /** Every project, by name. */
    public List<Project> list() {
        return jdbi.withHandle(h -> withApps(h, h.createQuery("SELECT name, created_at FROM projects ORDER BY name")));
    }

    public Page<Project> list(PageRequest page) {
        List<Project> fetched = jdbi.withHandle(h -> withApps(h, h.createQuery(
                        "SELECT name, created_at FROM projects WHERE name > :after ORDER BY name FETCH FIRST :n ROWS ONLY")
                .bind("after", page.after().orElse(""))
                .bind("n", page.fetchSize())));
        return Page.of(fetched, page, Project::name);
    }

    public Optional<Project> find(String name) {
        if (!DnsLabel.isValid(name)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> find(h, name));
    }

    /** @throws NotFoundException when there is no such project */
    public Project get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("Project", name));
    }

    /**
     * @throws NotFoundException when there is no such project
     * @throws ProjectNotEmptyException while it still has apps
     */
    public void delete(String name) {
        jdbi.useTransaction(h -> {
            Project p = find(h, name).orElseThrow(() -> new NotFoundException("Project", name));
            if (!p.apps().isEmpty()) {
                throw new ProjectNotEmptyException(name, p.apps());
            }
            h.createUpdate("DELETE FROM projects WHERE name = :name").bind("name", name).execute();
        });
    }

    private static Optional<Project> find(Handle h, String name) {
        return withApps(h, h.createQuery("SELECT name, created_at FROM projects WHERE name = :name").bind("name", name))
                .stream().findFirst();
    }

    private static List<Project> withApps(Handle h, Query projects) {
        Map<String, Instant> created = new LinkedHashMap<>();
        projects.map((rs, ctx) -> Map.entry(rs.getString("name"), SqlTimes.read(rs, "created_at")))
                .forEach(e -> created.put(e.getKey(), e.getValue()));
        if (created.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> apps = new LinkedHashMap<>();
        h.createQuery("SELECT p.name AS project, a.name AS app FROM apps a JOIN projects p ON p.id = a.project_id"
                        + " WHERE p.name IN (<names>) ORDER BY a.name")
                .bindList("names", new ArrayList<>(created.keySet()))
                .map((rs, ctx) -> Map.entry(rs.getString("project"), rs.getString("app")))
                .forEach(e -> apps.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<Project> out = new ArrayList<>();
        created.forEach((name, at) -> out.add(new Project(name, at, apps.getOrDefault(name, List.of()))));
        return out;
    }

    private static ConflictException duplicate(String name) {
        return new ConflictException("A project named '" + name + "' already exists; pick another name.");
    }
}
