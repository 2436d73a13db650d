package io.slipway.plugins.git;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Serves the repositories under one folder over smart HTTP on 127.0.0.1 with JGit's own servlet:
 * {@code <url>/<name>.git} is folder {@code <name>}. Paths under {@code /private/} need basic auth,
 * {@link #delay} slows every request, {@link #packsSent()} counts packs (real fetches),
 * {@link #refAdvertisements()} the clients' requests for the refs ({@code info/refs}).
 *
 * <pre>{@code
 * try (TestGitServer server = TestGitServer.start(reposDir)) { String url = server.url("app"); }
 * }</pre>
 */
final class TestGitServer implements AutoCloseable {
    static final String USER = "deploy";
    static final String PASSWORD = "tok-3f9a7c21e8";

    private final Server server;
    private final AtomicInteger packs;
    private final DelayFilter delay;

    private TestGitServer(Server server, AtomicInteger packs, DelayFilter delay) {
        this.server = server;
        this.packs = packs;
        this.delay = delay;
    }

    static TestGitServer start(Path reposDir) throws Exception {
        AtomicInteger packs = new AtomicInteger();
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((req, name) -> open(reposDir, name));
        git.setUploadPackFactory((req, repo) -> {
            UploadPack pack = new UploadPack(repo);
            pack.setPostUploadHook(stats -> packs.incrementAndGet());
            return pack;
        });
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setStopTimeout(0);
        ServletContextHandler context = new ServletContextHandler("/");
        DelayFilter delay = new DelayFilter();
        context.addFilter(new FilterHolder(delay), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(basicAuth()), "/private/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(git), "/*");
        server.setHandler(context);
        server.start();
        return new TestGitServer(server, packs, delay);
    }

    private static Repository open(Path reposDir, String name) throws RepositoryNotFoundException {
        String folder = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        Path dir = reposDir.resolve(folder).normalize();
        if (!dir.startsWith(reposDir) || !Files.isDirectory(dir.resolve(".git"))) {
            throw new RepositoryNotFoundException(name);
        }
        try {
            return new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
        }
    }

    private static Filter basicAuth() {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return (request, response, chain) -> {
            if (expected.equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                chain.doFilter(request, response);
            } else {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                http.sendError(401);
            }
        };
    }

    /** The clone URL of repository folder {@code name}, e.g. {@code private/app}. */
    String url(String name) {
        return server.getURI().toString().replaceAll("/$", "") + "/" + name + ".git";
    }

    int packsSent() {
        return packs.get();
    }

    int refAdvertisements() {
        return delay.refRequests.get();
    }

    /** Holds every request for {@code millis} before answering; 0 releases held ones. */
    void delay(long millis) {
        delay.millis = millis;
    }

    @Override
    public void close() throws Exception {
        delay.millis = 0;
        server.stop();
    }

    private static final class DelayFilter implements Filter {
        volatile long millis;
        final AtomicInteger refRequests = new AtomicInteger();

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                             jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
            if (((HttpServletRequest) request).getRequestURI().endsWith("/info/refs")) {
                refRequests.incrementAndGet();
            }
            // Sleeps in slices so that resetting the delay releases held requests at once.
            long until = System.nanoTime() + millis * 1_000_000;
            while (millis > 0 && System.nanoTime() < until) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
