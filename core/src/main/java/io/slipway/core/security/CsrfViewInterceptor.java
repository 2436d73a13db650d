package io.slipway.core.security;

import io.slipway.core.pages.View;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;

/**
 * Gives every page what the layout needs from security: the session's CSRF token for the hidden
 * {@code _csrf} field of its forms, and the signed-in user for the user menu.
 */
public final class CsrfViewInterceptor implements WriterInterceptor {
    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (context.getEntity() instanceof View view && context.getProperty(Caller.PROPERTY) instanceof Caller caller) {
            caller.sessionCsrf().ifPresent(csrf -> view.with("csrfToken", csrf));
            view.with("currentUser", caller.user());
        }
        context.proceed();
    }
}
