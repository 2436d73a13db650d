package io.slipway.war.testing;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST calls an end-to-end test makes against a {@link SlipwayProcess}: queue a deployment,
 * wait (bounded) until it ends, read its log, roll back. Responses are read with small patterns
 * (the war's tests have no JSON library on their class path).
 *
 * <pre>{@code
 * DeploymentsApi api = new DeploymentsApi(slipway);
 * long id = api.deploy("web");
 * String phase = api.awaitEnd(id, Duration.ofSeconds(60));
 * }</pre>
 */
public final class DeploymentsApi {
    private static final Set<String> ENDS = Set.of("ACTIVE", "FAILED", "CANCELLED", "SUPERSEDED", "ROLLED_BACK");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final SlipwayProcess slipway;

    public DeploymentsApi(SlipwayProcess slipway) {
        this.slipway = Objects.requireNonNull(slipway, "slipway");
    }

    /** POST /api/v1/apps/{app}/deployments (default ref); fails unless 202; returns the id. */
    public long deploy(String app) {
        return accepted(slipway.postJson("/api/v1/apps/" + app + "/deployments", "{}"), "deploy " + app);
    }

    /** POST /api/v1/deployments/{id}/rollback; fails unless 202; returns the new deployment's id. */
    public long rollback(long id) {
        return accepted(slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/deployments/" + id + "/rollback"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()), "roll back to " + id);
    }

    /** GET /api/v1/deployments/{id}: the JSON. */
    public String get(long id) {
        HttpResponse<String> r = slipway.get("/api/v1/deployments/" + id);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET deployment " + id + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Polls until deployment {@code id} reached a final phase; returns that phase. */
    public String awaitEnd(long id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String json = get(id);
        while (!ENDS.contains(text(json, "phase").orElse(""))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Deployment " + id + " did not end within " + timeout + ": " + json
                        + "\nLog:\n" + log(id));
            }
            sleep(200);
            json = get(id);
        }
        return text(json, "phase").orElseThrow();
    }

    /** GET /api/v1/deployments/{id}/log as plain text. */
    public String log(long id) {
        HttpResponse<String> r = slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/deployments/" + id + "/log"))
                .header("Accept", "text/plain").GET().build());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET log of " + id + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** A string field of a flat JSON object (first occurrence), unescaped enough for assertions. */
    public static Optional<String> text(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
    }

    private static long accepted(HttpResponse<String> r, String what) {
        if (r.statusCode() != 202) {
            throw new AssertionError(what + ": expected 202, got " + r.statusCode() + " " + r.body());
        }
        Matcher m = ID.matcher(r.body());
        if (!m.find()) {
            throw new AssertionError(what + ": no id in " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
