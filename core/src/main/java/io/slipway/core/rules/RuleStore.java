package io.slipway.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.projects.SqlTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code app_deploy_rules}: an app's rules as versioned JSON
 * ({@code {"version":1,"rules":[{"branch":"main","environment":"production","paths":[]}]}}).
 */
final class RuleStore {
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final io.slipway.core.apps.AppChanges changes;

    RuleStore(Jdbi jdbi, io.slipway.core.apps.AppChanges changes) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    Optional<DeploymentRules> find(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT rules_json, previews FROM app_deploy_rules WHERE app_id = :a")
                .bind("a", appId).map((rs, ctx) -> read(rs.getString("rules_json")).with(rs.getBoolean("previews")))
                .findOne());
    }

    void save(long appId, DeploymentRules rules, Instant now) {
        String json = write(rules.rules(), rules.limits());
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE app_deploy_rules SET rules_json = :j, previews = :p, updated_at = :t "
                    + "WHERE app_id = :a").bind("j", json).bind("p", rules.previews()).bind("t", SqlTimes.bind(now))
                    .bind("a", appId).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO app_deploy_rules (app_id, rules_json, previews, updated_at) "
                        + "VALUES (:a, :j, :p, :t)").bind("j", json).bind("p", rules.previews())
                        .bind("t", SqlTimes.bind(now)).bind("a", appId).execute();
            }
        });
        changes.changed();
    }

    void delete(long appId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM app_deploy_rules WHERE app_id = :a").bind("a", appId).execute());
        changes.changed();
    }

    /** What {@code rules_json} holds; {@code previews} is a column of its own. */
    record Stored(List<DeploymentRule> rules, PreviewLimits limits) {
        DeploymentRules with(boolean previews) {
            return new DeploymentRules(rules, previews, true, limits);
        }
    }

    private static String write(List<DeploymentRule> rules, PreviewLimits limits) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeploymentRule r : rules) {
            Map<String, Object> m = new LinkedHashMap<>();
            r.branch().ifPresent(b -> m.put("branch", b));
            r.tag().ifPresent(t -> m.put("tag", t));
            m.put("environment", r.environment());
            m.put("paths", r.paths());
            out.add(m);
        }
        try {
            return JSON.writeValueAsString(Map.of("version", VERSION, "rules", out, "maxPreviews", limits.maxLive(),
                    "previewTtlDays", limits.ttlDays()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rules are plain JSON types", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Stored read(String json) {
        try {
            Map<String, Object> doc = JSON.readValue(json, Map.class);
            if (!Integer.valueOf(VERSION).equals(doc.get("version"))) {
                throw new IllegalStateException("Stored deployment rules version " + doc.get("version")
                        + " is newer than this Slipway: upgrade Slipway");
            }
            List<DeploymentRule> rules = new ArrayList<>();
            for (Map<String, Object> m : (List<Map<String, Object>>) doc.get("rules")) {
                rules.add(new DeploymentRule(Optional.ofNullable((String) m.get("branch")),
                        Optional.ofNullable((String) m.get("tag")), (String) m.get("environment"),
                        (List<String>) m.getOrDefault("paths", List.of())));
            }
            PreviewLimits d = PreviewLimits.DEFAULT;
            return new Stored(rules, new PreviewLimits(((Number) doc.getOrDefault("maxPreviews", d.maxLive())).intValue(),
                    ((Number) doc.getOrDefault("previewTtlDays", d.ttlDays())).intValue()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored deployment rules are not valid JSON", e);
        }
    }
}
