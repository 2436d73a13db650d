package io.slipway.core.audit;

import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/audit}: the audit log, newest first, paged ({@code ?limit=&cursor=}) and
 * filtered by {@code actor}, {@code action} ({@code plugin.} for a family), {@code outcome},
 * {@code from} and {@code to}. Administrators only.
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public final class AuditResource {
    private final AuditLog audit;

    @Inject
    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    public Page<AuditEntry> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                 @QueryParam("actor") String actor, @QueryParam("action") String action,
                                 @QueryParam("outcome") String outcome, @QueryParam("from") String from,
                                 @QueryParam("to") String to) {
        return audit.list(AuditQuery.parse(actor, action, outcome, from, to), PageRequest.parse(limit, cursor));
    }
}
