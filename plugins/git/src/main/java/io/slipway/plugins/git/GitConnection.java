package io.slipway.plugins.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * How to reach one repository during one fetch: its credentials, its ssh client, the I/O timeout
 * and the stop flag JGit's progress monitor reports.
 *
 * <pre>{@code
 * connection.apply(git.fetch().setRemote(url.value())).call();
 * }</pre>
 */
final class GitConnection implements AutoCloseable {
    /** The user name sent with a token alone; GitHub, Gitea and GitLab accept any name with a token. */
    static final String TOKEN_USER = "x-access-token";

    private final RepositoryUrl url;
    private final Optional<CredentialsProvider> credentials;
    private final Optional<SshdSessionFactory> ssh;
    private final int timeoutSeconds;
    private final AtomicBoolean stop;

    GitConnection(RepositoryUrl url, Optional<CredentialsProvider> credentials, Optional<SshdSessionFactory> ssh,
                  Duration ioTimeout, AtomicBoolean stop) {
        this.url = url;
        this.credentials = credentials;
        this.ssh = ssh;
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ioTimeout.toSeconds()));
        this.stop = stop;
    }

    /** The https credentials the settings give, if any. */
    static Optional<CredentialsProvider> httpCredentials(GitSourceSettings settings) {
        return settings.token().map(token ->
                new UsernamePasswordCredentialsProvider(settings.username().orElse(TOKEN_USER), token));
    }

    RepositoryUrl url() {
        return url;
    }

    boolean stopped() {
        return stop.get();
    }

    <C extends TransportCommand<C, ?>> C apply(C command) {
        credentials.ifPresent(command::setCredentialsProvider);
        command.setTimeout(timeoutSeconds);
        command.setTransportConfigCallback(transport -> {
            transport.setTimeout(timeoutSeconds);
            if (transport instanceof SshTransport sshTransport && ssh.isPresent()) {
                sshTransport.setSshSessionFactory(ssh.get());
            }
        });
        return command;
    }

    /**
     * A transport to the repository for {@code local}, set up as {@link #apply} sets up a
     * command's; {@code shallow} fetches one commit deep.
     */
    Transport open(Repository local, boolean shallow) throws IOException {
        Transport transport;
        try {
            transport = Transport.open(local, url.value());
        } catch (URISyntaxException e) {
            throw new IOException("invalid repository URL: " + e.getMessage(), e);
        }
        credentials.ifPresent(transport::setCredentialsProvider);
        transport.setTimeout(timeoutSeconds);
        transport.setTagOpt(TagOpt.NO_TAGS); // the wanted commit only, as the fetch commands ask
        if (transport instanceof SshTransport sshTransport && ssh.isPresent()) {
            sshTransport.setSshSessionFactory(ssh.get());
        }
        if (shallow) {
            transport.setDepth(1);
        }
        return transport;
    }

    ProgressMonitor monitor() {
        return new StopMonitor(stop);
    }

    /** Reports nothing; tells JGit to stop once the step is cancelled or out of time. */
    private record StopMonitor(AtomicBoolean stop) implements ProgressMonitor {
        @Override
        public void start(int totalTasks) {
        }

        @Override
        public void beginTask(String title, int totalWork) {
        }

        @Override
        public void update(int completed) {
        }

        @Override
        public void endTask() {
        }

        @Override
        public boolean isCancelled() {
            return stop.get();
        }

        @Override
        public void showDuration(boolean enabled) {
        }
    }

    @Override
    public void close() {
        ssh.ifPresent(SshdSessionFactory::close);
    }
}
