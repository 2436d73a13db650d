package io.slipway.core.plugins.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;
import org.pf4j.PluginRuntimeException;

/** Runs plugin code with the thread's context class loader set to the plugin's. */
public final class PluginCalls {
    private PluginCalls() {
    }

    public static <R> R withContextLoader(ClassLoader loader, Supplier<R> body) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return body.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** "IllegalStateException: boom", unwrapping reflection and initializer wrappers. */
    public static String describe(Throwable e) {
        Throwable t = e;
        String prefix = "";
        while ((t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError
                || t instanceof PluginRuntimeException) && t.getCause() != null) {
            if (t instanceof ExceptionInInitializerError) {
                prefix = "its static initializer threw ";
            }
            t = t.getCause();
        }
        return prefix + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** A failure's message for people: its own when it has one, else its kind. */
    public static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : describe(e);
    }
}
