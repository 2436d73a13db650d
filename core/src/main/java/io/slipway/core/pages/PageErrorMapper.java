package io.slipway.core.pages;

import io.slipway.core.NotFoundException;
import io.slipway.core.SlipwayException;
import io.slipway.core.http.BodySizeLimitFilter;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure of a page route as an HTML page: unknown routes and missing things are the 404
 * page; the core's own errors show their message (it tells the user what to do); anything else is
 * a bug, logged once here with an incident id and shown without a stack trace.
 */
public final class PageErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(PageErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (BodySizeLimitFilter.BodyTooLargeException.isCauseOf(e)) {
            return error(413, "Too large", "The upload is larger than this server accepts (SLIPWAY_MAX_BODY_BYTES).");
        }
        if (e instanceof NotFoundException notFound) {
            return View.of("not-found").with("message", notFound.getMessage()).status(404).response();
        }
        if (e instanceof SlipwayException s) {
            return error(s.status(), "Something is in the way", s.getMessage());
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            if (status == 404) {
                return View.of("not-found").status(404).response();
            }
            if (status < 500) {
                return error(status, w.getResponse().getStatusInfo().getReasonPhrase(),
                        "This page cannot answer that request. Start again from the dashboard.");
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Page failed, incident {}", incident, e);
        return View.of("error").status(500)
                .with("title", "Something went wrong")
                .with("message", "Slipway could not show this page. The server log has the details.")
                .with("incident", incident)
                .response();
    }

    private static Response error(int status, String title, String message) {
        return View.of("error").status(status).with("title", title).with("message", message).response();
    }
}
