package io.slipway.core.health.builtin;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthChecker;
import io.slipway.plugin.api.health.HealthResult;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Built-in health checker {@code tcp}: the release is healthy once its port accepts a connection and keeps it open. */
public final class TcpHealthChecker implements HealthChecker {
    private static final Duration HOLD = Duration.ofMillis(300);

    @Override
    public String id() {
        return "tcp";
    }

    @Override
    public String displayName() {
        return "TCP connection";
    }

    @Override
    public ConfigSchema configSchema() {
        return new ConfigSchema(ProbeSchedule.fields());
    }

    @Override
    public List<FieldError> validate(Config config) {
        return ProbeSchedule.check(config);
    }

    @Override
    public HealthResult check(Release release, Config config, StepContext step) {
        return ProbeLoop.run(release, step, ProbeSchedule.from(config), TcpHealthChecker::connect);
    }

    private static Probe.Outcome connect(Endpoint endpoint, Duration timeout, CompletableFuture<Void> cancelled) {
        String where = Probe.urlHost(endpoint) + ":" + endpoint.port();
        try (Socket socket = new Socket()) {
            // Closing the socket ends a connect in progress when the deployment is cancelled.
            CompletableFuture<Void> closer = cancelled.thenRun(() -> closeQuietly(socket));
            try {
                socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
                        (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            } finally {
                closer.cancel(false);
            }
            return heldOpen(socket, where, timeout);
        } catch (SocketTimeoutException e) {
            return Probe.Outcome.failed(where + " did not accept a connection within " + Probe.seconds(timeout));
        } catch (IOException e) {
            return Probe.Outcome.failed(where + " refused the connection (" + e.getMessage() + ")");
        }
    }

    /**
     * A port published by Docker accepts every connection (its port proxy listens on the host)
     * and closes it at once when nothing listens in the container. So a connection counts only
     * when the peer keeps it open for a moment, or speaks first (a banner).
     */
    private static Probe.Outcome heldOpen(Socket socket, String where, Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(HOLD.toMillis(), timeout.toMillis())));
        try {
            if (socket.getInputStream().read() < 0) {
                return Probe.Outcome.failed(where + " accepted the connection but closed it at once (nothing listens "
                        + "behind it, e.g. the container's port)");
            }
        } catch (SocketTimeoutException stillOpen) {
            // The server waits for the client to speak: it listens.
        }
        return Probe.Outcome.ok(where + " accepts connections");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only interrupts the connect
        }
    }
}
