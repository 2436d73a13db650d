package io.slipway.war.testing;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an end-to-end test of the built war sets up before its first test and takes down after its
 * last: optionally a {@link GitHttpServer} on a fresh folder under {@code target/it/repos}, the
 * server ({@link SlipwayProcess}) healthy, one project created, and clients of its API and router.
 * Closing stops the server, then the git server, then removes from the engine what the registered
 * apps left (containers, images, networks labelled {@code slipway.app}) and the project's networks.
 *
 * <pre>{@code
 * DockerCli docker = DockerCli.local();
 * try (WarStack stack = WarStack.withGit(docker, "shop", SlipwayProcess.builder().name("shop").dockerHost(docker))) {
 *     BusyboxSite.commit(stack.repos().resolve("web"), "v1", BusyboxSite.HTTPD);
 *     stack.removeAfter("web");
 *     stack.slipway().postJson("/api/v1/apps", BusyboxSite.appJson("shop", "web", stack.git().url("web"), 60));
 *     long id = stack.api().deploy("web");
 * }
 * }</pre>
 */
public final class WarStack implements AutoCloseable {
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

    private final DockerCli docker;
    private final String project;
    private final Optional<Path> repos;
    private final Optional<GitHttpServer> git;
    private final SlipwayProcess slipway;
    private final DeploymentsApi api;
    private final RouterClient router;
    private final Set<String> apps = new LinkedHashSet<>();

    private WarStack(DockerCli docker, String project, Optional<Path> repos, Optional<GitHttpServer> git,
            SlipwayProcess slipway) {
        this.docker = docker;
        this.project = project;
        this.repos = repos;
        this.git = git;
        this.slipway = slipway;
        this.api = new DeploymentsApi(slipway);
        this.router = new RouterClient(slipway.routerPort());
    }

    /** A git server on a new repository folder, then {@link #withoutGit}. */
    public static WarStack withGit(DockerCli docker, String project, SlipwayProcess.Builder server) throws Exception {
        Path repos = Files.createTempDirectory(SlipwayProcess.itDir("repos"), project + "-");
        GitHttpServer git = GitHttpServer.start(repos);
        try {
            return start(docker, project, Optional.of(repos), Optional.of(git), server);
        } catch (RuntimeException | Error e) {
            try {
                git.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Starts {@code server}, waits until it is healthy and creates {@code project}; {@code docker}
     * is the engine whose leftovers {@link #close} removes (the server's DOCKER_HOST is the
     * builder's business, see {@link SlipwayProcess.Builder#dockerHost}).
     */
    public static WarStack withoutGit(DockerCli docker, String project, SlipwayProcess.Builder server) {
        return start(docker, project, Optional.empty(), Optional.empty(), server);
    }

    private static WarStack start(DockerCli docker, String project, Optional<Path> repos, Optional<GitHttpServer> git,
            SlipwayProcess.Builder server) {
        Objects.requireNonNull(docker, "docker");
        Objects.requireNonNull(project, "project");
        SlipwayProcess slipway = server.start();
        try {
            slipway.awaitHealthy(HEALTHY_WITHIN);
            HttpResponse<String> created = slipway.postJson("/api/v1/projects", "{\"name\": \"" + project + "\"}");
            if (created.statusCode() != 201) {
                throw new AssertionError("creating project " + project + " answered " + created.statusCode() + ": "
                        + created.body());
            }
            return new WarStack(docker, project, repos, git, slipway);
        } catch (RuntimeException | Error e) {
            slipway.close();
            throw e;
        }
    }

    /** Registers {@code app}, whose containers, images and networks {@link #close} removes; returns it. */
    public String removeAfter(String app) {
        apps.add(Objects.requireNonNull(app, "app"));
        return app;
    }

    /** The folder the git server serves: {@code <url>/<name>.git} is folder {@code <name>}. */
    public Path repos() {
        return repos.orElseThrow(() -> new IllegalStateException("this stack has no git server: use withGit"));
    }

    public GitHttpServer git() {
        return git.orElseThrow(() -> new IllegalStateException("this stack has no git server: use withGit"));
    }

    public SlipwayProcess slipway() {
        return slipway;
    }

    public DeploymentsApi api() {
        return api;
    }

    /** A client of the server's app router. */
    public RouterClient router() {
        return router;
    }

    /** Stops the server and the git server, then removes the apps' leftovers and the project's networks. */
    @Override
    public void close() throws Exception {
        try {
            slipway.close();
            if (git.isPresent()) {
                git.get().close();
            }
        } finally {
            apps.forEach(docker::removeEverythingOf);
            docker.removeNetworksOfProject(project);
        }
    }
}
