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
 * Serves the git repositories in one folder over smart HTTP on 127.0.0.1 (JGit's GitServlet in
 * Jetty), read-only: {@code http://127.0.0.1:<port>/<name>.git} is folder {@code <name>}, a
 * working tree with a {@code .git} inside. Prints the port on the first line of stdout and runs
 * until stdin closes or the process is killed, so bench/deploy controls its lifetime.
 *
 * <pre>{@code java -cp 'target/classes:target/lib/*' GitServe /tmp/repos}</pre>
 */
public final class GitServe {
    private GitServe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: GitServe REPOS_DIR");
            System.exit(64);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
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
        System.out.println(connector.getLocalPort());
        System.out.flush();
        // Stops when the script closes our stdin (or kills us): never outlives the bench.
        while (System.in.read() != -1) {
            // discard
        }
        server.stop();
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
}
