package io.slipway.core.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds JAX-RS responses carrying an {@link ApiError}. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response of(int status, String code, String message, Map<String, Object> details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(code, message, details))
                .build();
    }

    public static Response of(int status, String code, String message) {
        return of(status, code, message, Map.of());
    }
}
