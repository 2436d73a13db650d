package io.slipway.core.security.internal;

import io.slipway.core.security.Role;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code project_members} table, and the look-ups that find which project a request touches
 * (by project name, app name or deployment id).
 */
public final class MemberStore {
    private final Jdbi jdbi;

    /** A member of a project as listed. */
    public record Member(String username, Role role) {
    }

    public MemberStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Role> role(long projectId, long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT role FROM project_members WHERE project_id = :p AND user_id = :u")
                .bind("p", projectId).bind("u", userId).mapTo(String.class).findOne()
                .map(r -> Role.valueOf(r.toUpperCase(Locale.ROOT))));
    }

    /** Adds the member or changes their role. */
    public void put(long projectId, long userId, Role role) {
        jdbi.useTransaction(h -> {
            int changed = h.createUpdate("UPDATE project_members SET role = :r WHERE project_id = :p AND user_id = :u")
                    .bind("r", role.id()).bind("p", projectId).bind("u", userId).execute();
            if (changed == 0) {
                h.createUpdate("INSERT INTO project_members (project_id, user_id, role) VALUES (:p, :u, :r)")
                        .bind("r", role.id()).bind("p", projectId).bind("u", userId).execute();
            }
        });
    }

    public boolean remove(long projectId, long userId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM project_members WHERE project_id = :p AND user_id = :u")
                .bind("p", projectId).bind("u", userId).execute()) > 0;
    }

    public List<Member> members(long projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT u.username, m.role FROM project_members m JOIN users u ON u.id = m.user_id "
                        + "WHERE m.project_id = :p ORDER BY u.username")
                .bind("p", projectId)
                .map((rs, ctx) -> new Member(rs.getString("username"), Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT))))
                .list());
    }

    /** The names of the projects {@code userId} is a member or viewer of. */
    public java.util.Set<String> projectNames(long userId) {
        return java.util.Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT p.name FROM project_members m "
                + "JOIN projects p ON p.id = m.project_id WHERE m.user_id = :u").bind("u", userId).mapTo(String.class).list()));
    }

    public Optional<Long> projectByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM projects WHERE name = :n").bind("n", name)
                .mapTo(Long.class).findOne());
    }

    public Optional<Long> projectOfApp(String app) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project_id FROM apps WHERE name = :n").bind("n", app)
                .mapTo(Long.class).findOne());
    }

    public Optional<Long> projectOfStack(long stackId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.project_id FROM stacks s JOIN apps a ON a.id = s.app_id WHERE s.id = :id")
                .bind("id", stackId).mapTo(Long.class).findOne());
    }

    public Optional<Long> projectOfDeployment(long deploymentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.project_id FROM deployments d JOIN apps a ON a.id = d.app_id WHERE d.id = :id")
                .bind("id", deploymentId).mapTo(Long.class).findOne());
    }
}
