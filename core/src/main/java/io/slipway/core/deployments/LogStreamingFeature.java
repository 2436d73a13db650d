package io.slipway.core.deployments;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.servlet.async.AsyncContextDelegateProviderImpl;
import org.glassfish.jersey.servlet.spi.AsyncContextDelegateProvider;

/**
 * What the live log stream needs from Jersey: Server-Sent Events, and servlet async support.
 * The API turns off META-INF/services discovery (fast start-up), which also hides Jersey's own
 * servlet-async provider, so it is bound here by hand; without it a suspended request (SSE) fails.
 */
public final class LogStreamingFeature implements Feature {
    @Override
    public boolean configure(FeatureContext context) {
        context.register(SseFeature.class);
        context.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(AsyncContextDelegateProviderImpl.class).to(AsyncContextDelegateProvider.class);
            }
        });
        return true;
    }
}
