package io.slipway.core.http.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The REST API's OpenAPI 3 document, read from exactly the registered resource classes (never a
 * class-path scan: that took seconds and listed WADL) on first use, then kept.
 */
public final class OpenApiDocument {
    private final Set<Class<?>> resources;
    private final String version;
    private volatile String json;

    public OpenApiDocument(Set<Class<?>> resources, String version) {
        this.resources = Set.copyOf(resources);
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The document as JSON; built on the first call. */
    public String json() {
        String doc = json;
        if (doc == null) {
            synchronized (this) {
                doc = json;
                if (doc == null) {
                    doc = build();
                    json = doc;
                }
            }
        }
        return doc;
    }

    private String build() {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Slipway").version(version)
                        .description("Slipway's REST API. Errors are {\"error\": {\"code\", \"message\", \"details\"}}; "
                                + "lists are {\"items\": [...], \"nextCursor\"} paged with ?limit=&cursor=."))
                .servers(List.of(new Server().url("/api/v1")));
        SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).readAllResources(true).prettyPrint(false);
        OpenAPI api = new Reader(config).read(resources);
        try {
            return Json.mapper().writeValueAsString(api);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The OpenAPI model could not be written as JSON", e);
        }
    }
}
