package io.slipway.core.http;

import io.slipway.core.SlipwayException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a {@link SlipwayException} with its status, code, message and details. */
@Provider
public final class SlipwayExceptionMapper implements ExceptionMapper<SlipwayException> {
    @Override
    public Response toResponse(SlipwayException e) {
        return ErrorResponses.of(e.status(), e.code(), e.getMessage(), e.details());
    }
}
