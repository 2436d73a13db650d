package io.slipway.core.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method (or class) that records its own audit events with {@link AuditLog#record}
 * (a login, which knows the account and why it failed), so {@link AuditFilter} does not record
 * the request a second time.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuditedElsewhere {
}
