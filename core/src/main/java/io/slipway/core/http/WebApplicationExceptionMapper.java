package io.slipway.core.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Jersey's own errors (no such route, wrong method, wrong media type) in the API's error shape.
 */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        if (BodySizeLimitFilter.BodyTooLargeException.isCauseOf(e)) {
            return ErrorResponses.of(413, "payload_too_large", "The request body is too large.");
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType type = original.getStatusInfo();
        String code = type.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String message = switch (status) {
            case 404 -> "No such resource. See /api/v1/openapi.json for the routes.";
            case 405 -> "This route does not take that method.";
            case 406 -> "This route cannot answer in the media type asked for (Accept).";
            case 413 -> "The request body is too large.";
            case 415 -> "This route does not take that Content-Type.";
            default -> type.getReasonPhrase();
        };
        Response.ResponseBuilder b = Response.fromResponse(ErrorResponses.of(status, code, message));
        original.getHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                v.forEach(x -> b.header(k, x));
            }
        });
        return b.build();
    }
}
