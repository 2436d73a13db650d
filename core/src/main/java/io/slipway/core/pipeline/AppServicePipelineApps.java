package io.slipway.core.pipeline;

import io.slipway.core.NotFoundException;
import io.slipway.core.SlipwayException;
import io.slipway.core.apps.AppService;
import io.slipway.core.apps.AppView;
import io.slipway.core.apps.EnvVar;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.apps.ResolvedExtension;
import io.slipway.plugin.api.ExtensionPointId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The pipeline's view of apps over the apps service: chosen extensions resolved, env decrypted. */
public final class AppServicePipelineApps implements PipelineApps {
    private final AppService apps;
    private final EnvVarService envVars;
    private final Jdbi jdbi;

    public AppServicePipelineApps(AppService apps, EnvVarService envVars, Jdbi jdbi) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.envVars = Objects.requireNonNull(envVars, "envVars");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<PipelineApp> find(String name) {
        return find(name, Optional.empty());
    }

    @Override
    public Optional<PipelineApp> find(long id, String environment) {
        return name(id).flatMap(n -> find(n, Optional.of(environment)));
    }

    private Optional<PipelineApp> find(String name, Optional<String> environment) {
        Optional<AppView> view = apps.find(name);
        Optional<Long> id = jdbi.withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = :n").bind("n", name)
                .mapTo(Long.class).findOne());
        if (view.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        Map<ExtensionPointId, ChosenExtension> chosen = new EnumMap<>(ExtensionPointId.class);
        Map<ExtensionPointId, String> problems = new EnumMap<>(ExtensionPointId.class);
        for (String pointId : view.get().extensions().keySet()) {
            Optional<ExtensionPointId> point = ExtensionPointId.fromId(pointId);
            if (point.isEmpty()) {
                continue;
            }
            try {
                apps.resolvedExtension(name, point.get()).ifPresent((ResolvedExtension r) ->
                        chosen.put(point.get(), new ChosenExtension(r.extension(), r.config())));
            } catch (SlipwayException e) {
                problems.put(point.get(), e.getMessage());
            }
        }
        List<EnvVar> resolved;
        try {
            resolved = environment.isPresent() ? envVars.resolved(name, environment.get()) : envVars.resolved(name);
        } catch (NotFoundException deletedMeanwhile) {
            // Deleted between the reads above and this one (apps deleted while the reconciler runs):
            // gone, like an app not found at all, rather than a failure of whoever asked.
            return Optional.empty();
        }
        List<PipelineApp.AppEnvVar> env = new ArrayList<>();
        for (EnvVar v : resolved) {
            env.add(new PipelineApp.AppEnvVar(v.name(), v.value(), v.secret(), v.buildTime()));
        }
        return Optional.of(new PipelineApp(id.get(), name, view.get().project(), chosen, env, problems));
    }

    @Override
    public Optional<PipelineApp> find(long id) {
        return name(id).flatMap(this::find);
    }

    private Optional<String> name(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name FROM apps WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne());
    }

    @Override
    public List<String> names() {
        return apps.list(Optional.empty()).stream().map(AppView::name).toList();
    }
}
