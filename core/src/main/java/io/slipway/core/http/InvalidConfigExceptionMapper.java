package io.slipway.core.http;

import io.slipway.core.InvalidInputException;
import io.slipway.plugin.api.config.InvalidConfigException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An extension's config that failed its schema is a 400 naming each field. */
@Provider
public final class InvalidConfigExceptionMapper implements ExceptionMapper<InvalidConfigException> {
    @Override
    public Response toResponse(InvalidConfigException e) {
        InvalidInputException input = new InvalidInputException(e.errors());
        return ErrorResponses.of(input.status(), input.code(), input.getMessage(), input.details());
    }
}
