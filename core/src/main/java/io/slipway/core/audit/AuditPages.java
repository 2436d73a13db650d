package io.slipway.core.audit;

import io.slipway.core.InvalidInputException;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.pages.View;
import io.slipway.core.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /audit}: browse and filter the audit log (administrators only). */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
@AdminOnly
public final class AuditPages {
    private final AuditLog audit;

    @Inject
    public AuditPages(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    public Response list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                         @QueryParam("outcome") String outcome, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("cursor") String cursor) {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("actor", actor == null ? "" : actor);
        filter.put("action", action == null ? "" : action);
        filter.put("outcome", outcome == null ? "" : outcome);
        filter.put("from", from == null ? "" : from);
        filter.put("to", to == null ? "" : to);
        View view = View.of("audit").with("filter", filter).with("outcomes", AuditQuery.OUTCOMES.stream().sorted().toList());
        try {
            Page<AuditEntry> page = audit.list(AuditQuery.parse(actor, action, outcome, from, to),
                    PageRequest.parse("100", cursor));
            return view.with("entries", page.items()).with("next", page.nextCursor().orElse(null)).response();
        } catch (InvalidInputException e) {
            return view.with("entries", java.util.List.of()).with("errors", e.details().get("fields"))
                    .status(400).response();
        }
    }
}
