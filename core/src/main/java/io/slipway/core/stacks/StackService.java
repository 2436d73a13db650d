package io.slipway.core.stacks;

import io.slipway.core.InvalidInputException;
import io.slipway.core.apps.AppService;
import io.slipway.core.apps.AppView;
import io.slipway.core.apps.ResolvedExtension;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.pipeline.ActiveRelease;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.DeploymentService;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.projects.SqlTimes;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.ServiceReporter;
import io.slipway.plugin.api.deploy.ServiceStatus;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compose stacks. A stack is an app whose builder and deployer are the compose plugin's, so it is
 * deployed, health-checked, routed, rolled back and deleted by the same pipeline as any app; this
 * service adds the stack's id, its settings under stack names, and the per-service view that
 * the compose deployer reports ({@link ServiceReporter}).
 */
public final class StackService {
    private static final List<String> GUARDED = List.of("privileged", "network_mode_host", "pid_host", "bind_mounts",
            "docker_socket", "cap_add", "devices");

    private final StackStore store;
    private final AppService apps;
    private final Pipeline pipeline;
    private final ExtensionInvoker calls;
    private final Clock clock;

    StackService(StackStore store, AppService apps, Pipeline pipeline, ExtensionInvoker calls, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws InvalidInputException naming each bad field (a bad compose file under {@code compose}) */
    public StackView create(StackBody body, String actor) {
        Objects.requireNonNull(body, "body");
        StackConfigs.check(body, true);
        try {
            apps.create(StackConfigs.input(body, Optional.empty()));
        } catch (InvalidInputException e) {
            throw StackConfigs.renamed(e);
        }
        long id = store.insert(body.name(), actor, SqlTimes.now(clock));
        return get(id);
    }

    public StackView get(long id) {
        StackRow row = row(id);
        return view(row, apps.get(row.app()));
    }

    public Page<StackView> list(PageRequest page) {
        return Page.of(store.list(page), page, r -> String.valueOf(r.id())).map(r -> view(r, apps.get(r.app())));
    }

    public StackView update(long id, StackBody body) {
        Objects.requireNonNull(body, "body");
        StackRow row = row(id);
        if (body.name() != null && !body.name().equals(row.app())) {
            throw InvalidInputException.field("name", "cannot change: it is the stack's host name; create a new stack");
        }
        StackConfigs.checkChange(body, get(id).source().equals(StackConfigs.INLINE_SOURCE));
        try {
            apps.update(row.app(), StackConfigs.input(body, Optional.of(apps.get(row.app()))));
        } catch (InvalidInputException e) {
            throw StackConfigs.renamed(e);
        }
        return get(id);
    }

    /** Allows guarded compose options for this stack (an admin's decision). */
    public StackView allow(long id, List<String> options) {
        Objects.requireNonNull(options, "options");
        options.stream().filter(o -> !GUARDED.contains(o)).findFirst().ifPresent(o -> {
            throw InvalidInputException.field("options", "'" + o + "' is not a guarded option; use "
                    + String.join(", ", GUARDED));
        });
        StackRow row = row(id);
        apps.update(row.app(), StackConfigs.allowing(apps.get(row.app()), options).byAdmin(true));
        return get(id);
    }

    /** Deletes the stack's app: the pipeline retires its releases, the deployer removes its networks. */
    public void delete(long id) {
        StackRow row = row(id);
        apps.delete(row.app());
        store.delete(id);
    }

    public Deployment deploy(long id, Optional<String> ref, String actor) {
        return pipeline.deployments().queue(row(id).app(), ref, Optional.empty(), actor);
    }

    /** Each service of the release serving production, as the engine reports it now. */
    public List<ServiceStatus> services(long id) {
        StackRow row = row(id);
        return serving(row).map(a -> report(row, d -> d.services(a.release(), config(row)))).orElse(List.of());
    }

    public StackHealth health(long id) {
        StackRow row = row(id);
        Optional<ActiveRelease> active = serving(row);
        return StackHealth.of(active.isPresent(), active.map(a -> report(row, d -> d.services(a.release(),
                config(row)))).orElse(List.of()));
    }

    /** The last {@code lines} log lines of one service of the serving release. */
    public List<String> logs(long id, String service, int lines) {
        StackRow row = row(id);
        return serving(row).map(a -> report(row, d -> d.serviceLogs(a.release(), config(row), service, lines)))
                .orElse(List.of());
    }

    Optional<StackRow> findByApp(String app) {
        return store.findByApp(app);
    }

    private Optional<ActiveRelease> serving(StackRow row) {
        return pipeline.traffic().active(row.appId(), DeploymentService.DEFAULT_ENVIRONMENT);
    }

    private <R> List<R> report(StackRow row, java.util.function.Function<ServiceReporter, List<R>> ask) {
        Optional<ResolvedExtension> deployer = apps.resolvedExtension(row.app(), ExtensionPointId.DEPLOYER);
        if (deployer.isEmpty()) {
            return List.of();
        }
        return calls.call(deployer.get().extension(), Deployer.class, d -> d instanceof ServiceReporter r
                ? ask.apply(r) : List.of());
    }

    private io.slipway.plugin.api.config.Config config(StackRow row) {
        return apps.resolvedExtension(row.app(), ExtensionPointId.DEPLOYER).map(ResolvedExtension::config)
                .orElse(io.slipway.plugin.api.config.Config.empty());
    }

    private StackRow row(long id) {
        return store.find(id).orElseThrow(() -> new StackNotFoundException(String.valueOf(id)));
    }

    private static StackView view(StackRow row, AppView app) {
        var builder = StackConfigs.config(Optional.of(app), "builder");
        var deployer = StackConfigs.config(Optional.of(app), "deployer");
        List<String> allowed = Arrays.stream(String.valueOf(builder.getOrDefault("allow", "")).split(","))
                .filter(s -> !s.isBlank()).toList();
        return new StackView(row.id(), app.name(), app.project(),
                Optional.ofNullable(builder.get("content")).map(String::valueOf).filter(s -> !s.isBlank()),
                String.valueOf(builder.getOrDefault("file", "compose.yaml")),
                String.valueOf(deployer.getOrDefault("expose", "")), String.valueOf(deployer.getOrDefault("mode", "auto")),
                String.valueOf(deployer.getOrDefault("swarmPublish", "ingress")),
                Boolean.parseBoolean(String.valueOf(deployer.getOrDefault("removeVolumes", "false"))),
                app.extension("source").map(s -> s.type()).orElse(""), allowed, row.createdBy(), row.createdAt());
    }
}
