package io.slipway.core.webhooks;

import io.slipway.plugin.api.source.WebhookSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The receiver's view of the apps: secrets of the apps deploying a repository. Remembers what
 * it was asked, so a refused signature for a repository no app deploys answers "no app".
 */
final class SecretLookup implements WebhookSecrets {
    private final HookApps apps;
    private final Optional<Long> onlyApp;
    /** The apps read per repository path asked for (a receiver may ask more than once). */
    private final java.util.Map<String, List<HookApps.HookApp>> read = new java.util.HashMap<>();
    private final List<RepositoryName> askedFor = new ArrayList<>();
    private volatile boolean asked;
    private volatile boolean matched;
    private volatile int secretsOffered;
    private volatile String repository = "";

    SecretLookup(HookApps apps, Optional<Long> onlyApp) {
        this.apps = java.util.Objects.requireNonNull(apps, "apps");
        this.onlyApp = java.util.Objects.requireNonNull(onlyApp, "onlyApp");
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
        List<HookApps.HookApp> candidates = read.computeIfAbsent(name.get().path(), p -> apps.mayDeploy(name.get()));
        return candidates.stream().filter(a -> onlyApp.isEmpty() || onlyApp.get() == a.app().id())
                .filter(a -> a.repositories().stream().anyMatch(n -> n.sameAs(name.get()))).toList();
    }
}
