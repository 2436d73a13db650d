package io.slipway.core.pipeline.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.pipeline.Deployment;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code deployments} row joined with its app's name ({@code app_name}). */
public final class DeploymentRowMapper implements RowMapper<Deployment> {
    static final ObjectMapper JSON = JsonMapper.create();

    @Override
    public Deployment map(ResultSet rs, StatementContext ctx) throws SQLException {
        long source = rs.getLong("source_deployment_id");
        Optional<Long> sourceId = rs.wasNull() ? Optional.empty() : Optional.of(source);
        return new Deployment(rs.getLong("id"), rs.getLong("app_id"), rs.getString("app_name"),
                rs.getString("environment"), DeploymentPhase.valueOf(rs.getString("phase")), rs.getInt("progress"),
                rs.getString("trigger_kind"), rs.getString("trigger_by"), text(rs, "ref"), text(rs, "revision"),
                text(rs, "commit_message"), instant(rs, "created_at").orElseThrow(), instant(rs, "started_at"),
                instant(rs, "finished_at"), text(rs, "error"), sourceId,
                text(rs, "artifact_json").map(j -> read(j, Artifact.class)),
                text(rs, "release_json").map(j -> read(j, Release.class)), rs.getBoolean("cancel_requested"),
                rs.getInt("resume_count"), text(rs, "claimed_by"), instant(rs, "heartbeat_at"),
                instant(rs, "phase_started_at"));
    }

    static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    /** The bind value for a timestamp column. */
    public static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static Release readRelease(String json) {
        return read(json, Release.class);
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable: " + e.getMessage(), e);
        }
    }
}
