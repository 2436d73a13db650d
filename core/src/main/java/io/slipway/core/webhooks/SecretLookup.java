package io.slipway.core.webhooks;

import io.slipway.plugin.api.source.WebhookSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The receiver's view of the apps: secrets of the apps deploying a repository. Remembers what
 * it was asked, so a refused signature for a repository no app deploys answers "no app". Uses
 * the apps as kept in memory; when they name no app for the repository it reads them again, and
 * {@link #mayBeStale()} tells the intake to retry a refused signature with a {@link #rereading()}
 * lookup (a secret changed on another server).
 */
final class SecretLookup implements WebhookSecrets {
    private final HookApps apps;
    private final Optional<Long> onlyApp;
    private final boolean reread;
    private HookApps.Snapshot snapshot;
    private final List<RepositoryName> askedFor = new ArrayList<>();
    private volatile boolean asked;
    private volatile boolean matched;
    private volatile int secretsOffered;
    private volatile String repository = "";

    SecretLookup(HookApps apps, Optional<Long> onlyApp) {
        this(apps, onlyApp, false);
    }

    private SecretLookup(HookApps apps, Optional<Long> onlyApp, boolean reread) {
        this.apps = java.util.Objects.requireNonNull(apps, "apps");
        this.onlyApp = java.util.Objects.requireNonNull(onlyApp, "onlyApp");
        this.reread = reread;
    }

    /** A new lookup for the same delivery that reads the apps from the database first. */
    SecretLookup rereading() {
        return new SecretLookup(apps, onlyApp, true);
    }

    /** Whether the secrets offered came from apps kept in memory, which a change on another server may have outdated. */
    synchronized boolean mayBeStale() {
        return snapshot != null && !snapshot.justRead();
    }

    /** Whether the receiver asked for any repository's secrets. */
    boolean asked() {
        return asked;
    }

    /** The repository it asked about last ("" before it asked). */
    String repository() {
        return repository;
    }

    int secretsOffered() {
        return secretsOffered;
    }

    @Override
    public List<String> forRepository(String repo) {
        List<HookApps.HookApp> found = appsFor(repo);
        synchronized (this) {
            RepositoryName.parse(repo).ifPresent(askedFor::add);
        }
        asked = true;
        repository = String.valueOf(repo);
        matched |= !found.isEmpty();
        List<String> offered = found.stream().flatMap(a -> a.secrets().stream()).distinct().toList();
        secretsOffered += offered.size();
        return offered;
    }

    /** Whether the receiver checked the signature with {@code repo}'s secrets, or asked for none (its own secret). */
    synchronized boolean vouchesFor(String repo) {
        if (!asked) {
            return true;
        }
        Optional<RepositoryName> name = RepositoryName.parse(repo);
        return name.isPresent() && askedFor.stream().anyMatch(n -> n.sameAs(name.get()));
    }

    boolean matchedNone() {
        return !matched;
    }

    synchronized List<HookApps.HookApp> appsFor(String repo) {
        Optional<RepositoryName> name = RepositoryName.parse(repo);
        if (name.isEmpty()) {
            return List.of();
        }
        if (snapshot == null) {
            snapshot = reread ? apps.reread() : apps.current();
        }
        List<HookApps.HookApp> found = deploying(name.get());
        if (found.isEmpty() && !snapshot.justRead()) {
            snapshot = apps.reread(); // an app created on another server since the apps were kept
            found = deploying(name.get());
        }
        return found;
    }

    private List<HookApps.HookApp> deploying(RepositoryName name) {
        return snapshot.deploying(name).stream().filter(a -> onlyApp.isEmpty() || onlyApp.get() == a.app().id()).toList();
    }
}
