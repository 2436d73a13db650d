package io.slipway.core.router;

import io.slipway.core.ConflictException;

/** A custom domain already routes to another app (409). */
public final class DomainTakenException extends ConflictException {
    public DomainTakenException(String domain) {
        super("Domain '" + domain + "' belongs to another app: remove it there first "
                + "(DELETE /api/v1/apps/{app}/domains/" + domain + ").");
    }
}
