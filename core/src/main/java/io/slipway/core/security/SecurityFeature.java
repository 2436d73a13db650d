package io.slipway.core.security;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/** Registers the access filter and the pages' CSRF seam; both Jersey applications register this. */
public final class SecurityFeature implements Feature {
    @Override
    public boolean configure(FeatureContext context) {
        context.register(AccessFilter.class);
        context.register(CsrfViewInterceptor.class);
        return true;
    }
}
