package io.slipway.core.webhooks;

import io.slipway.core.config.SlipwayConfig;
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
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/apps/{app}/webhook-secret}: whether the app has one (GET), a new random one shown
 * once (POST), one of the user's (PUT {@code {"secret": "..."}}), none (DELETE).
 */
@Path("/apps/{app}/webhook-secret")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class WebhookSecretResource {
    private final WebhookSecretService secrets;
    private final String publicUrl;

    @Inject
    public WebhookSecretResource(WebhookSecretService secrets, SlipwayConfig config) {
        this.secrets = secrets;
        String url = config.publicUrl();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @GET
    @Operation(summary = "Whether the app has a webhook secret, and where to send webhooks")
    public Map<String, Object> get(@PathParam("app") String app) {
        Map<String, Object> out = new LinkedHashMap<>();
        var at = secrets.setAt(app);
        out.put("set", at.isPresent());
        out.put("setAt", at.orElse(null));
        out.put("hookUrl", publicUrl + "/hooks/<plugin>");
        return out;
    }

    @POST
    @Operation(summary = "Generate a new webhook secret", description = "The answer is the only time it is shown: "
            + "paste it into the repository's webhook settings.")
    public Response generate(@PathParam("app") String app) {
        return Response.status(201).entity(Map.of("secret", secrets.generate(app))).build();
    }

    @PUT
    @Operation(summary = "Set the webhook secret to a value of your own")
    public Response set(@PathParam("app") String app, WebhookSecretBody body) {
        secrets.set(app, body == null ? null : body.secret());
        return Response.noContent().build();
    }

    @DELETE
    @Operation(summary = "Remove the webhook secret", description = "Deliveries for this app are refused until one is set.")
    public Response remove(@PathParam("app") String app) {
        secrets.remove(app);
        return Response.noContent().build();
    }
}
