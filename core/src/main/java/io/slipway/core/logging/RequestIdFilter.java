package io.slipway.core.logging;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token (a proxy's
 * or a client's id keeps one story across systems), else a new one. The id is answered in
 * {@code X-Request-Id} and is in the MDC as {@link LogFields#REQUEST_ID} while the request runs,
 * so every line it logs carries it. The logger {@code io.slipway.access} at DEBUG writes one line
 * per request.
 */
public final class RequestIdFilter implements Filter {
    public static final String HEADER = "X-Request-Id";
    /** Letters, digits and {@code . _ : -}, at most 64: nothing that could forge a log line or a header. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final HexFormat HEX = HexFormat.of();
    private static final Logger ACCESS = LoggerFactory.getLogger("io.slipway.access");

    /** Adds the filter for every request of {@code context}; install it first so every log line has the id. */
    public static void install(ServletContext context) {
        FilterRegistration.Dynamic f = context.addFilter("request-id", new RequestIdFilter());
        f.setAsyncSupported(true); // the log stream (SSE) suspends its request
        f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    /**
     * The caller's id if sane, else a new random one. Not from {@code UUID.randomUUID()}: its
     * SecureRandom reads /dev/urandom under one lock, for every request; an id needs to be unique
     * in the logs, not secret (a caller may choose its own).
     */
    static String idFor(String incoming) {
        if (incoming != null && SANE.matcher(incoming).matches()) {
            return incoming;
        }
        return HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String id = idFor(http.getHeader(HEADER));
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setHeader(HEADER, id);
        long began = System.nanoTime();
        String before = MDC.get(LogFields.REQUEST_ID);
        MDC.put(LogFields.REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (ACCESS.isDebugEnabled()) {
                ACCESS.debug("{} {} -> {} in {} ms", http.getMethod(), http.getRequestURI(), answer.getStatus(),
                        (System.nanoTime() - began) / 1_000_000);
            }
            if (before == null) {
                MDC.remove(LogFields.REQUEST_ID);
            } else {
                MDC.put(LogFields.REQUEST_ID, before);
            }
        }
    }
}
