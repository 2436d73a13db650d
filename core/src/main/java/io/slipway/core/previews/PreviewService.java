package io.slipway.core.previews;

import io.slipway.core.notifications.NotificationDispatcher;
import io.slipway.core.notifications.NotificationEvent;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.rules.PreviewLimits;
import io.slipway.core.rules.RuleMatcher;
import io.slipway.core.rules.SourceApp;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.notify.DeploymentDetails;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.DeploymentPhase;
import io.slipway.plugin.api.source.CommitStatusPublisher;
import io.slipway.plugin.api.source.PreviewNotice;
import io.slipway.plugin.api.source.PullRequestState;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preview environments, one per pull/merge request ({@code pr-<n>}, host
 * {@code <app>-pr-<n>.<base domain>}): deployed on open and on each new commit, removed
 * completely (deployments cancelled, releases retired, route and environment gone) on close.
 * Announces "preview created" when a preview first goes live and "preview removed" when it goes,
 * to notification targets and, through the source plugin's {@link CommitStatusPublisher}, on the
 * pull request.
 */
public final class PreviewService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewService.class);

    private final PreviewStore store;
    private final Pipeline pipeline;
    private final PipelineApps apps;
    private final NotificationDispatcher notifications;
    private final ExtensionRegistry registry;
    private final ExtensionInvoker calls;
    private final java.util.function.BiFunction<String, String, Optional<String>> urls;
    private final Clock clock;
    private final String publicUrl;
    private final ExecutorService announcer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "slipway-previews");
        t.setDaemon(true);
        return t;
    });

    public PreviewService(Jdbi jdbi, Pipeline pipeline, PipelineApps apps, NotificationDispatcher notifications,
                          ExtensionRegistry registry, ExtensionInvoker calls,
                          java.util.function.BiFunction<String, String, Optional<String>> urls, Clock clock,
                          String publicUrl) {
        this.store = new PreviewStore(jdbi);
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        pipeline.onPhaseChange(this::phaseChanged);
    }

    /**
     * Deploys {@code commit} to pull request {@code number}'s preview, creating it the first time;
     * empty when the app already has {@code limits.maxLive()} other previews (the pull request is
     * told it waits).
     */
    public Optional<Deployment> deploy(SourceApp app, PreviewLimits limits, String repository, int number, String ref,
                                       String commit, String by) {
        String env = RuleMatcher.previewEnvironment(number);
        List<Integer> live = store.numbers(app.id());
        if (!live.contains(number) && live.size() >= limits.maxLive()) {
            LOG.info("Preview {} of app {} held back: {} previews are live (the limit)", env, app.name(), live.size());
            announcer.execute(() -> tellHeldBack(app, number, repository, commit, limits.maxLive()));
            return Optional.empty();
        }
        store.upsert(app.id(), number, env, repository, commit, clock.instant());
        return Optional.of(pipeline.deployments().queueTriggered(app.id(), env, ref, Optional.of(commit), "preview", by));
    }

    /**
     * Removes the previews of {@code app} that saw no new commit for {@code limits.ttlDays()} days;
     * returns their numbers.
     */
    public List<Integer> removeExpired(SourceApp app, PreviewLimits limits) {
        java.time.Instant before = clock.instant().minus(java.time.Duration.ofDays(limits.ttlDays()));
        List<Integer> expired = store.idleSince(app.id(), before);
        for (int n : expired) {
            remove(app, n, "no new commit for " + limits.ttlDays() + " days");
        }
        return expired;
    }

    private void tellHeldBack(SourceApp app, int number, String repository, String commit, int max) {
        try {
            Optional<Forge> forge = forge(app.id());
            if (forge.isEmpty()) {
                return;
            }
            PreviewNotice notice = new PreviewNotice(repository, number, PreviewNotice.State.HELD_BACK, Optional.empty(),
                    commit, "No preview for #" + number + " yet: " + app.name() + " already has " + max
                    + " live previews (its limit). It deploys on the next commit once one closes.");
            forge.get().tell(calls, notice);
        } catch (RuntimeException e) {
            LOG.warn("Could not tell pull request {} of app {} that its preview waits: {}", number, app.name(),
                    e.getMessage());
        }
    }

    /**
     * Removes pull request {@code number}'s preview because it closed; false when it has none.
     */
    public boolean remove(SourceApp app, int number) {
        return remove(app, number, "the pull request was closed");
    }

    /**
     * Asks the app's forge (the status publisher of its source plugin) where pull request
     * {@code number} of its preview stands; empty when it cannot tell: no preview, no publisher,
     * or the forge failed to answer (logged).
     */
    public Optional<PullRequestState> pullRequestState(SourceApp app, int number) {
        Optional<String> repository = store.repository(app.id(), number);
        Optional<Forge> forge = repository.isEmpty() ? Optional.empty() : forge(app.id());
        if (forge.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<PullRequestState> state = calls.call(forge.get().publisher(), CommitStatusPublisher.class,
                    p -> p.pullRequestState(repository.get(), number, forge.get().source().config()));
            return state == null ? Optional.empty() : state;
        } catch (RuntimeException e) {
            LOG.warn("Could not ask whether pull request {} of app {} is still open: {}", number, app.name(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Removes pull request {@code number}'s preview, saying {@code why} in the log and on the pull
     * request; false when it has none.
     */
    public boolean remove(SourceApp app, int number, String why) {
        String env = RuleMatcher.previewEnvironment(number);
        if (!store.exists(app.id(), number, env)) {
            return false;
        }
        Optional<String> repository = store.repository(app.id(), number);
        pipeline.removeEnvironment(app.name(), env);
        store.delete(app.id(), number, env);
        LOG.info("Removed preview {} of app {}: {}", env, app.name(), why);
        Optional<Long> last = store.lastDeployment(app.id(), env);
        announcer.execute(() -> announce(app.id(), app.name(), env, number, repository, last, Optional.of(why)));
        return true;
    }

    /** The names of the apps that have previews (live or being deployed). */
    public List<String> appsWithPreviews() {
        return store.appNames();
    }

    /** Preview numbers of an app that are live or being deployed. */
    public List<Integer> previews(SourceApp app) {
        return store.numbers(app.id());
    }

    private void phaseChanged(Deployment d) {
        if (d.phase() != DeploymentPhase.ACTIVE || !d.environment().startsWith("pr-")) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(d.environment().substring(3));
        } catch (NumberFormatException e) {
            return; // an environment someone named pr-something by hand
        }
        boolean first = store.claimAnnouncement(d.appId(), number);
        Optional<String> repository = store.repository(d.appId(), number);
        if (repository.isEmpty()) {
            return; // not a preview Slipway made
        }
        announcer.execute(() -> {
            if (first) {
                announce(d.appId(), d.app(), d.environment(), number, repository, Optional.of(d.id()), Optional.empty());
            } else {
                tellPullRequest(d.appId(), d.app(), d.environment(), number, repository.get(), d.revision(), Optional.empty());
            }
        });
    }

    /** @param removedWhy why the preview went; empty when it went live */
    private void announce(long appId, String app, String env, int number, Optional<String> repository,
                          Optional<Long> deploymentId, Optional<String> removedWhy) {
        boolean live = removedWhy.isEmpty();
        try {
            NotificationEvent event = live ? NotificationEvent.PREVIEW_CREATED : NotificationEvent.PREVIEW_REMOVED;
            Optional<Deployment> d = deploymentId.flatMap(id -> pipeline.deployments().find(id));
            if (d.isPresent() && notifications.wants(appId, event.id())) {
                Deployment dep = d.get();
                notifications.publish(appId, new DeploymentEvent(String.valueOf(dep.id()), app, env, dep.phase(),
                        dep.revision(), dep.describeTrigger(), publicUrl + "/deployments/" + dep.id(), clock.instant(),
                        Optional.empty(), DeploymentDetails.only(event.id())));
            }
            repository.ifPresent(r -> tellPullRequest(appId, app, env, number, r,
                    d.flatMap(Deployment::revision), removedWhy));
        } catch (RuntimeException e) {
            LOG.warn("Could not announce preview {} of app {}: {}", env, app, e.getMessage());
        }
    }

    /** Through the source plugin's publisher; its failures are logged, never more. */
    private void tellPullRequest(long appId, String app, String env, int number, String repository,
                                 Optional<String> commit, Optional<String> removedWhy) {
        boolean live = removedWhy.isEmpty();
        try {
            Optional<Forge> forge = forge(appId);
            if (forge.isEmpty()) {
                return;
            }
            String url = urls.apply(app, env).orElse("");
            PreviewNotice notice = new PreviewNotice(repository, number,
                    live ? PreviewNotice.State.LIVE : PreviewNotice.State.REMOVED,
                    live ? Optional.of(url) : Optional.empty(), commit.orElse(""),
                    live ? "Preview of #" + number + " is live at " + url + (commit.map(c -> " (" + c + ")").orElse(""))
                            : "Preview of #" + number + " was removed: " + removedWhy.get() + ".");
            forge.get().tell(calls, notice);
        } catch (RuntimeException e) {
            LOG.warn("Could not tell pull request {} of app {} about its preview: {}", number, app, e.getMessage());
        }
    }

    /** The app's source extension and the status publisher of the same plugin, if it has one. */
    private Optional<Forge> forge(long appId) {
        Optional<ChosenExtension> source = apps.find(appId).flatMap(a -> a.extension(ExtensionPointId.SOURCE));
        return source.flatMap(s -> registry.list(ExtensionPointId.STATUS).stream()
                .filter(p -> p.pluginId().equals(s.registered().pluginId())).findFirst()
                .map(p -> new Forge(s, p)));
    }

    /** Where an app's pull requests live: its source's settings and the plugin's publisher. */
    private record Forge(ChosenExtension source, RegisteredExtension publisher) {
        void tell(ExtensionInvoker calls, PreviewNotice notice) {
            calls.call(publisher, CommitStatusPublisher.class, p -> {
                p.previewChanged(notice, source.config());
                return null;
            });
        }
    }

    @Override
    public void close() {
        announcer.shutdownNow();
    }
}
