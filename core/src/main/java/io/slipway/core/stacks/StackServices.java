package io.slipway.core.stacks;

import io.slipway.core.apps.AppService;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.plugins.ExtensionInvoker;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Wires compose stacks for the composition root. */
public final class StackServices {
    private StackServices() {
    }

    /** The services resources inject: {@link StackService}. */
    public static Map<Class<?>, Object> start(Jdbi jdbi, AppService apps, Pipeline pipeline, ExtensionInvoker calls,
                                              Clock clock) {
        return Map.of(StackService.class, new StackService(new StackStore(jdbi), apps, pipeline, calls, clock));
    }
}
