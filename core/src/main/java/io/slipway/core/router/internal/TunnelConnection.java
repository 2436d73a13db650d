package io.slipway.core.router.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * An upgraded client connection copying bytes to and from a backend socket: client to backend as
 * Jetty reports the client readable, backend to client on a pump thread (blocking reads on the
 * loopback socket). Either side closing closes both.
 */
final class TunnelConnection extends AbstractConnection implements Connection.UpgradeTo {
    private static final long IDLE_TIMEOUT_MS = 300_000;
    private static final int BUFFER = 16 * 1024;

    private final Socket backend;
    private final ExecutorService pumps;
    private final ByteBuffer fromBackendEarly;
    private final ByteBuffer fill = BufferUtil.allocate(BUFFER);
    private ByteBuffer fromClientEarly = BufferUtil.EMPTY_BUFFER;

    TunnelConnection(EndPoint client, ExecutorService pumps, Socket backend, ByteBuffer fromBackendEarly) {
        super(client, pumps);
        this.backend = backend;
        this.pumps = pumps;
        this.fromBackendEarly = fromBackendEarly;
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        if (BufferUtil.hasContent(buffer)) {
            fromClientEarly = BufferUtil.copy(buffer);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(IDLE_TIMEOUT_MS);
        try {
            if (fromClientEarly.hasRemaining()) {
                toBackend(fromClientEarly);
            }
            pumps.execute(this::pumpBackendToClient);
        } catch (IOException | RejectedExecutionException e) {
            close();
            return;
        }
        fillInterested();
    }

    @Override
    public void onFillable() {
        try {
            while (true) {
                BufferUtil.clear(fill);
                int n = getEndPoint().fill(fill);
                if (n > 0) {
                    toBackend(fill);
                } else if (n == 0) {
                    fillInterested();
                    return;
                } else {
                    backend.shutdownOutput();
                    return;
                }
            }
        } catch (IOException e) {
            close();
        }
    }

    private void toBackend(ByteBuffer b) throws IOException {
        OutputStream out = backend.getOutputStream();
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        out.flush();
    }

    private void pumpBackendToClient() {
        try {
            if (fromBackendEarly.hasRemaining()) {
                toClient(fromBackendEarly);
            }
            InputStream in = backend.getInputStream();
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    toClient(ByteBuffer.wrap(buf, 0, n));
                }
            }
        } catch (IOException e) {
            // the backend or the client went away: close both below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private void toClient(ByteBuffer b) throws IOException, InterruptedException {
        Callback.Completable done = new Callback.Completable();
        getEndPoint().write(done, b);
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        WebSocketTunnel.closeQuietly(backend);
    }
}
