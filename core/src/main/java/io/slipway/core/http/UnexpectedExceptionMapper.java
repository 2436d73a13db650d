package io.slipway.core.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else is a bug: logged once here with an incident id, answered 500 with that id and no
 * stack trace.
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (BodySizeLimitFilter.BodyTooLargeException.isCauseOf(e)) {
            return ErrorResponses.of(413, "payload_too_large", "The request body is too large.");
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected error, incident {}", incident, e);
        return ErrorResponses.of(500, "internal_error",
                "Slipway failed to handle the request; the server log has the details under incident " + incident + ".",
                java.util.Map.of("incident", incident));
    }
}
