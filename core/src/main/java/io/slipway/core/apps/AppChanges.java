package io.slipway.core.apps;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A stamp that every change this server makes to an app, its extension choices, webhook secret
 * or deployment rules moves on, so what keeps them in memory (the webhook intake reads them for
 * every delivery) reads them again at once. Changes made by another server sharing the database
 * do not move it: such caches also expire after a few seconds.
 *
 * <pre>{@code
 * jdbi.useTransaction(h -> saveRules(h, rules));
 * changes.changed(); // after the commit, so a reader that sees the new stamp reads the new rows
 * }</pre>
 */
public final class AppChanges {
    private final AtomicLong stamp = new AtomicLong();

    /** Called after a change committed. */
    public void changed() {
        stamp.incrementAndGet();
    }

    /** Read before reading the apps: a cache is current while the stamp is unchanged. */
    public long stamp() {
        return stamp.get();
    }
}
