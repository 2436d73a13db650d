package io.slipway.core.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses request bodies larger than the configured limit with 413, both when Content-Length says
 * so up front and when a chunked body grows past it. Plugin uploads (a JAR with its libraries)
 * get their own, larger limit. A servlet filter rather than a Jetty handler so the limits hold
 * inside any servlet container.
 */
public final class BodySizeLimitFilter implements Filter {
    private static final Set<String> PLUGIN_UPLOADS = Set.of("/api/v1/plugins", "/plugins");
    /** An app's source archive upload, through the API or the app page's form. */
    private static final Pattern SOURCE_UPLOADS = Pattern.compile("(/api/v1)?/apps/[a-z0-9-]{1,63}/uploads");

    private final long maxBytes;
    private final long maxPluginBytes;
    private final long maxUploadBytes;

    public BodySizeLimitFilter(long maxBytes, long maxPluginBytes) {
        this(maxBytes, maxPluginBytes, maxPluginBytes);
    }

    public BodySizeLimitFilter(long maxBytes, long maxPluginBytes, long maxUploadBytes) {
        this.maxBytes = maxBytes;
        this.maxPluginBytes = maxPluginBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    private Limit limitFor(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!"POST".equals(request.getMethod())) {
            return new Limit(maxBytes, "SLIPWAY_MAX_BODY_BYTES");
        }
        if (PLUGIN_UPLOADS.contains(path)) {
            return new Limit(maxPluginBytes, "SLIPWAY_MAX_PLUGIN_BYTES");
        }
        return SOURCE_UPLOADS.matcher(path).matches() ? new Limit(maxUploadBytes, "SLIPWAY_MAX_UPLOAD_BYTES")
                : new Limit(maxBytes, "SLIPWAY_MAX_BODY_BYTES");
    }

    private record Limit(long bytes, String setting) {
    }

    /** How far past the limit a declared body is still read before the 413 (a larger one is cut off). */
    private static final long DRAINED = 256 * 1024;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Limit limit = limitFor(http);
        long length = http.getContentLengthLong();
        if (length > limit.bytes()) {
            if (length <= limit.bytes() + DRAINED) {
                // Read what a client is still sending: answering and closing mid-upload resets the
                // connection, and the client may never see the 413.
                try {
                    http.getInputStream().skipNBytes(length);
                } catch (IOException stoppedSending) {
                    // fewer bytes than declared: answer anyway
                }
            }
            reject((HttpServletResponse) response, limit);
            return;
        }
        try {
            chain.doFilter(new Limited(http, limit.bytes()), response);
        } catch (BodyTooLargeException | ServletException e) {
            if (e instanceof BodyTooLargeException || e.getCause() instanceof BodyTooLargeException) {
                if (!response.isCommitted()) {
                    response.resetBuffer();
                    reject((HttpServletResponse) response, limit);
                }
                return;
            }
            throw e;
        }
    }

    private static void reject(HttpServletResponse response, Limit limit) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        String body = "{\"error\":{\"code\":\"payload_too_large\",\"message\":\"The request body is larger than the "
                + limit.bytes() + " bytes this server accepts (" + limit.setting() + ").\",\"details\":{\"maxBytes\":"
                + limit.bytes() + "}}}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Thrown from a read that goes past the limit; mapped to 413 wherever it surfaces. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }

        /** Whether {@code e} or one of its causes is a body that went past the limit. */
        public static boolean isCauseOf(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BodyTooLargeException) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), max);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long count;

        CountingStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws BodyTooLargeException {
            count += n;
            if (count > max) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
