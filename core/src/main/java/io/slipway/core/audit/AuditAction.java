package io.slipway.core.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the audit action of a resource method when the name {@link AuditFilter} derives from the
 * class and method ({@code AppsResource.create} → {@code app.create}) would say less.
 *
 * <pre>{@code
 * @POST @Path("/{id}/rotate") @AuditAction("token.rotate")
 * public TokenView rotate(@PathParam("id") long id) { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuditAction {
    String value();
}
