package io.slipway.war.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Serves the repositories in one folder over smart HTTP on 127.0.0.1 with JGit's own servlet in
 * an embedded Jetty: {@code <url>/<name>.git} is folder {@code <name>} (see {@link GitRepo}).
 *
 * <pre>{@code
 * try (GitHttpServer git = GitHttpServer.start(reposDir)) { String url = git.url("app"); }
 * }</pre>
 */
public final class GitHttpServer implements AutoCloseable {
    private final Server server;

    private GitHttpServer(Server server) {
        this.server = server;
    }

    public static GitHttpServer start(Path reposDir) throws Exception {
        Path root = reposDir.toAbsolutePath().normalize();
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((req, name) -> open(root, name));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setStopTimeout(0);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(git), "/*");
        server.setHandler(context);
        server.start();
        return new GitHttpServer(server);
    }

    private static Repository open(Path root, String name) throws RepositoryNotFoundException {
        String folder = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        Path dir = root.resolve(folder).normalize();
        if (!dir.startsWith(root) || !Files.isDirectory(dir.resolve(".git"))) {
            throw new RepositoryNotFoundException(name);
        }
        try {
            return new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
        }
    }

    /** The clone URL of repository folder {@code name}: {@code http://127.0.0.1:<port>/<name>.git}. */
    public String url(String name) {
        return server.getURI().toString().replaceAll("/$", "") + "/" + name + ".git";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
