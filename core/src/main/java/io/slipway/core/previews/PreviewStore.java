package io.slipway.core.previews;

import io.slipway.core.projects.SqlTimes;
import io.slipway.core.projects.UniqueViolation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@code previews} and the preview's row in {@code environments}. */
final class PreviewStore {
    private final Jdbi jdbi;

    PreviewStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** Records a new head commit, creating the preview (and its environment row) the first time. */
    void upsert(long appId, int number, String environment, String repository, String commit, Instant now) {
        try {
            jdbi.useTransaction(h -> {
                int n = h.createUpdate("UPDATE previews SET head_commit = :c, updated_at = :t WHERE app_id = :a AND number = :n")
                        .bind("c", commit).bind("t", SqlTimes.bind(now)).bind("a", appId).bind("n", number).execute();
                if (n == 0) {
                    h.createUpdate("INSERT INTO previews (app_id, number, environment, repository, head_commit, announced, "
                                    + "created_at, updated_at) VALUES (:a, :n, :e, :r, :c, FALSE, :t, :t)")
                            .bind("a", appId).bind("n", number).bind("e", environment).bind("r", repository)
                            .bind("c", commit).bind("t", SqlTimes.bind(now)).execute();
                }
                boolean hasEnv = h.createQuery("SELECT COUNT(*) FROM environments WHERE app_id = :a AND name = :e")
                        .bind("a", appId).bind("e", environment).mapTo(Integer.class).one() > 0;
                if (!hasEnv) {
                    h.createUpdate("INSERT INTO environments (app_id, name, created_at) VALUES (:a, :e, :t)")
                            .bind("a", appId).bind("e", environment).bind("t", SqlTimes.bind(now)).execute();
                }
            });
        } catch (RuntimeException e) {
            if (!UniqueViolation.isCauseOf(e)) {
                throw e;
            }
            // The same pull request's other delivery created it at the same moment: it exists now.
        }
    }

    /** Whether the preview or its environment row exists. */
    boolean exists(long appId, int number, String environment) {
        return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM previews WHERE app_id = :a AND number = :n) "
                + "+ (SELECT COUNT(*) FROM environments WHERE app_id = :a AND name = :e)").bind("a", appId)
                .bind("n", number).bind("e", environment).mapTo(Integer.class).one()) > 0;
    }

    Optional<String> repository(long appId, int number) {
        return jdbi.withHandle(h -> h.createQuery("SELECT repository FROM previews WHERE app_id = :a AND number = :n")
                .bind("a", appId).bind("n", number).mapTo(String.class).findOne());
    }

    void delete(long appId, int number, String environment) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM previews WHERE app_id = :a AND number = :n").bind("a", appId).bind("n", number)
                    .execute();
            h.createUpdate("DELETE FROM environments WHERE app_id = :a AND name = :e").bind("a", appId)
                    .bind("e", environment).execute();
        });
    }

    /** True exactly once per preview: the first time one of its deployments went live. */
    boolean claimAnnouncement(long appId, int number) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE previews SET announced = TRUE WHERE app_id = :a AND number = :n "
                + "AND announced = FALSE").bind("a", appId).bind("n", number).execute()) == 1;
    }

    /** The preview environments of an app, by pull request number. */
    List<Integer> numbers(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT number FROM previews WHERE app_id = :a ORDER BY number")
                .bind("a", appId).mapTo(Integer.class).list());
    }

    /** The names of the apps that have previews. */
    List<String> appNames() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT a.name FROM previews p JOIN apps a ON a.id = p.app_id "
                + "ORDER BY a.name").mapTo(String.class).list());
    }

    /** Previews whose newest commit arrived before {@code before}. */
    List<Integer> idleSince(long appId, Instant before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT number FROM previews WHERE app_id = :a AND updated_at < :t "
                + "ORDER BY number").bind("a", appId).bind("t", SqlTimes.bind(before)).mapTo(Integer.class).list());
    }

    Optional<Long> lastDeployment(long appId, String environment) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM deployments WHERE app_id = :a AND environment = :e "
                + "ORDER BY id DESC").bind("a", appId).bind("e", environment).setMaxRows(1).mapTo(Long.class).findFirst());
    }
}
