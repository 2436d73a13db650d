package io.slipway.core.server;

import org.glassfish.jersey.internal.inject.AbstractBinder;

/**
 * Makes the core's services injectable into JAX-RS resources. Each is looked up when a resource
 * is made, so the HTTP stack can start before the core is ready.
 */
public final class CoreServicesBinder extends AbstractBinder {
    private final SlipwayBoot boot;

    public CoreServicesBinder(SlipwayBoot boot) {
        this.boot = boot;
    }

    @Override
    protected void configure() {
        bind(boot).to(SlipwayBoot.class);
        for (Class<?> type : SlipwayCore.SERVICE_TYPES) {
            bindService(type);
        }
    }

    private <T> void bindService(Class<T> type) {
        bindFactory(() -> boot.await().service(type)).to(type);
    }
}
