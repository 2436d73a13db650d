package io.slipway.core.ratelimit;

import io.slipway.core.config.SlipwayConfig;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Rate limits on the HTTP port: {@code /hooks/*} per client address, {@code /api/v1/*} per API
 * token (a hash of the Authorization header, so the token itself is never kept) or per client
 * address without one. Over the limit the answer is 429 with {@code Retry-After} and the API's
 * error shape. {@code /api/v1/health} is never limited, so monitors cannot be locked out. Limits are
 * per minute ({@code SLIPWAY_API_RATE_LIMIT}, {@code SLIPWAY_HOOKS_RATE_LIMIT}; 0 switches one off).
 * Every API request also counts against its client address at {@value #PER_ADDRESS_FACTOR} times the
 * token limit, so a client cannot escape the limit by sending a made-up token each time (a few
 * legitimate tokens behind one address still fit).
 */
public final class RateLimitFilter implements Filter {
    private static final String API = "/api/v1/";
    private static final String HOOKS = "/hooks/";
    private static final String HEALTH = "/api/v1/health";

    static final int PER_ADDRESS_FACTOR = 4;

    private final Optional<RateLimiter> api;
    private final Optional<RateLimiter> apiPerAddress;
    private final Optional<RateLimiter> hooks;
    private final int apiPerMinute;
    private final int hooksPerMinute;

    public RateLimitFilter(int apiPerMinute, int hooksPerMinute, Clock clock) {
        this.apiPerMinute = apiPerMinute;
        this.hooksPerMinute = hooksPerMinute;
        this.api = limiter(apiPerMinute, clock);
        this.apiPerAddress = limiter(apiPerMinute * PER_ADDRESS_FACTOR, clock);
        this.hooks = limiter(hooksPerMinute, clock);
    }

    /** Adds the filter for every request of {@code context}, with the configured limits. */
    public static void install(ServletContext context, SlipwayConfig config) {
        FilterRegistration.Dynamic f = context.addFilter("rate-limit",
                new RateLimitFilter(config.apiRateLimit(), config.hooksRateLimit(), Clock.systemUTC()));
        f.setAsyncSupported(true);
        f.addMappingForUrlPatterns(java.util.EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    private static Optional<RateLimiter> limiter(int perMinute, Clock clock) {
        return perMinute == 0 ? Optional.empty() : Optional.of(new RateLimiter(perMinute, Duration.ofMinutes(1), clock));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String path = http.getRequestURI().substring(Math.min(http.getContextPath().length(), http.getRequestURI().length()));
        Optional<Duration> wait = Optional.empty();
        String per = "";
        int limit = 0;
        if (path.startsWith(HOOKS) && hooks.isPresent()) {
            wait = hooks.get().acquire("ip:" + http.getRemoteAddr());
            per = "client address";
            limit = hooksPerMinute;
        } else if (path.startsWith(API) && !path.equals(HEALTH) && api.isPresent()) {
            String auth = http.getHeader("Authorization");
            boolean token = auth != null && !auth.isBlank();
            wait = api.get().acquire(token ? "token:" + sha256(auth) : "ip:" + http.getRemoteAddr());
            per = token ? "API token" : "client address";
            limit = apiPerMinute;
            if (token && wait.isEmpty()) {
                wait = apiPerAddress.orElseThrow().acquire("ip:" + http.getRemoteAddr());
                per = "client address";
                limit = apiPerMinute * PER_ADDRESS_FACTOR;
            }
        }
        if (wait.isPresent()) {
            refuse((HttpServletResponse) response, wait.get(), limit, per);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, Duration wait, int limit, String per) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("application/json");
        String body = "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many requests: this server accepts "
                + limit + " a minute per " + per + ". Retry in " + seconds + " s.\",\"details\":{\"retryAfterSeconds\":"
                + seconds + ",\"limitPerMinute\":" + limit + "}}}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
