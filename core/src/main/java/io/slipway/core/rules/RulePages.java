package io.slipway.core.rules;

import io.slipway.core.InvalidInputException;
import io.slipway.core.pages.View;
import io.slipway.core.webhooks.WebhookSecretService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /apps/{app}/rules}: the app's deployment rules as an editable list, previews on/off, a
 * dry run ("given this event, what would deploy") and the webhook secret. Plain forms; no
 * JavaScript needed.
 */
@Path("/apps/{app}/rules")
@Produces(MediaType.TEXT_HTML)
public final class RulePages {
    private final RuleService rules;
    private final WebhookSecretService secrets;

    @Inject
    public RulePages(RuleService rules, WebhookSecretService secrets) {
        this.rules = rules;
        this.secrets = secrets;
    }

    @GET
    public Response show(@PathParam("app") String app, @jakarta.ws.rs.QueryParam("saved") String saved) {
        return page(app, null, saved == null ? null : "Rules saved.", null, Map.of(), null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("app") String app, MultivaluedMap<String, String> form) {
        String text = form.getFirst("rules");
        boolean previews = "on".equals(form.getFirst("previews")) || "true".equals(form.getFirst("previews"));
        try {
            rules.put(app, new RulesBody(RuleLines.parse(text), previews, number(form, "maxPreviews"),
                    number(form, "previewTtlDays")));
        } catch (InvalidInputException e) {
            return page(app, text, null, e.getMessage(), Map.of(), null, 400);
        }
        return View.redirect("apps/" + app + "/rules?saved=1");
    }

    @POST
    @Path("dry-run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response dryRun(@PathParam("app") String app, MultivaluedMap<String, String> form) {
        Map<String, String> tried = new LinkedHashMap<>();
        for (String k : List.of("event", "ref", "pullRequest", "changedPaths")) {
            tried.put(k, form.getFirst(k) == null ? "" : form.getFirst(k));
        }
        Integer pr = null;
        try {
            pr = tried.get("pullRequest").isBlank() ? null : Integer.valueOf(tried.get("pullRequest").strip());
        } catch (NumberFormatException e) {
            return page(app, null, null, "The pull request number must be a whole number.", tried, null, 400);
        }
        List<String> paths = Arrays.stream(tried.get("changedPaths").split("[\\r\\n,]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        try {
            DryRun result = rules.dryRun(app, new DryRunBody(tried.get("event"), tried.get("ref"), null, pr, paths));
            return page(app, null, null, null, tried, result, 200);
        } catch (InvalidInputException e) {
            return page(app, null, null, e.getMessage(), tried, null, 400);
        }
    }

    @POST
    @Path("webhook-secret")
    public Response newSecret(@PathParam("app") String app) {
        String secret = secrets.generate(app);
        return page(app, null, "New webhook secret (shown only now; paste it into the repository's webhook "
                + "settings): " + secret, null, Map.of(), null, 200);
    }

    private static Integer number(MultivaluedMap<String, String> form, String field) {
        String v = form.getFirst(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.field(field, "must be a whole number");
        }
    }

    private Response page(String app, String text, String notice, String problem, Map<String, String> tried,
                          DryRun result, int status) {
        DeploymentRules current = rules.get(app);
        return View.of("rules/rules").with("app", app).with("current", current)
                .with("rulesText", text != null ? text : RuleLines.format(current.rules()))
                .with("secretSet", secrets.setAt(app).isPresent())
                .with("notice", notice).with("problem", problem).with("tried", tried).with("result", result)
                .status(status).response();
    }
}
