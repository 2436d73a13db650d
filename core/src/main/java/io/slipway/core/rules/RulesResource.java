package io.slipway.core.rules;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/apps/{app}/rules}: which pushes deploy where, previews on/off, and a dry run. */
@Path("/apps/{app}/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RulesResource {
    private final RuleService rules;

    @Inject
    public RulesResource(RuleService rules) {
        this.rules = rules;
    }

    @GET
    @Operation(summary = "An app's deployment rules", description = "custom is false when the app has none of its "
            + "own and the default (its source branch deploys production) applies.")
    public Map<String, Object> get(@PathParam("app") String app) {
        return json(rules.get(app));
    }

    @PUT
    @Operation(summary = "Replace an app's deployment rules")
    public Map<String, Object> put(@PathParam("app") String app, RulesBody body) {
        return json(rules.put(app, body));
    }

    @DELETE
    @Operation(summary = "Forget an app's rules", description = "The default applies again.")
    public Map<String, Object> reset(@PathParam("app") String app) {
        return json(rules.reset(app));
    }

    @POST
    @Path("/dry-run")
    @Operation(summary = "Which rule an event matches and what it would deploy", description = "Deploys nothing.")
    public DryRun dryRun(@PathParam("app") String app, DryRunBody body) {
        return rules.dryRun(app, body);
    }

    static Map<String, Object> json(DeploymentRules r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rules", r.rules().stream().map(RulesResource::json).toList());
        out.put("previews", r.previews());
        out.put("custom", r.custom());
        out.put("maxPreviews", r.limits().maxLive());
        out.put("previewTtlDays", r.limits().ttlDays());
        return out;
    }

    private static Map<String, Object> json(DeploymentRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        r.branch().ifPresent(b -> m.put("branch", b));
        r.tag().ifPresent(t -> m.put("tag", t));
        m.put("environment", r.environment());
        m.put("paths", List.copyOf(r.paths()));
        return m;
    }
}
