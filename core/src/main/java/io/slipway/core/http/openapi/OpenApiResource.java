package io.slipway.core.http.openapi;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/v1/openapi.json}: the API described for clients and code generators. */
@Path("/openapi.json")
@Hidden
public final class OpenApiResource {
    private final OpenApiDocument document;

    @Inject
    public OpenApiResource(OpenApiDocument document) {
        this.document = document;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return Response.ok(document.json(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
