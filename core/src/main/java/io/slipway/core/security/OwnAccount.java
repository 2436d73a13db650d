package io.slipway.core.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class or method that acts only on the caller's own account (their tokens,
 * logging out), so any signed-in user may call it, a viewer included. Read-scope tokens still
 * cannot change anything.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OwnAccount {
}
