package io.slipway.core.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.SlipwayException;
import io.slipway.core.http.BodySizeLimitFilter;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.monitoring.WebhookMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.core.server.SlipwayBoot;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/<plugin>[/<path>]}: open to anyone (each provider's signature authenticates a
 * delivery, never a session), rate-limited per address by the filter in front, the body capped at
 * {@value #MAX_BODY} bytes (GitHub's own maximum) below the server-wide limit. A plain servlet
 * rather than a Jersey resource: the intake sits on the hot path of every push.
 */
public final class WebhookServlet extends HttpServlet {
    /** The largest declared body read into an array of its size at once (see {@link #read}). */
    private static final int PRESIZED_MAX = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServlet.class);
    /** GitHub caps payloads at 25 MB; nothing larger is a real delivery. */
    static final int MAX_BODY = 25 * 1024 * 1024;
    private static final Pattern PLUGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final ObjectMapper JSON = JsonMapper.create();

    private final transient SlipwayBoot boot;
    private final long maxBody;
    /** Made once the server is up (the registry comes with the core). */
    private transient volatile WebhookMeters meters;

    public WebhookServlet(SlipwayBoot boot, long maxBodyBytes) {
        this.boot = Objects.requireNonNull(boot, "boot");
        this.maxBody = Math.min(MAX_BODY, maxBodyBytes);
    }

    /** Maps the intake to {@code /hooks/*} in {@code context}. */
    public static void install(ServletContext context, SlipwayBoot boot, long maxBodyBytes) {
        ServletRegistration.Dynamic hooks = context.addServlet("hooks", new WebhookServlet(boot, maxBodyBytes));
        hooks.addMapping("/hooks/*");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long began = System.nanoTime();
        WebhookAnswer answer;
        try {
            answer = handle(req);
        } catch (SlipwayException e) {
            answer = WebhookAnswer.error(e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            if (BodySizeLimitFilter.BodyTooLargeException.isCauseOf(e)) {
                answer = tooLarge();
            } else {
                LOG.error("Webhook delivery to {} failed", req.getPathInfo(), e);
                answer = WebhookAnswer.error(500, "internal_error", "The delivery could not be handled; the server log "
                        + "says why. The sender may redeliver it.");
            }
        }
        // Metered by outcome and latency (monitoring's slipway_webhook_deliveries).
        Map<String, ?> answered = answer.body();
        meters().ifPresent(m -> m.record(answered, Duration.ofNanos(System.nanoTime() - began)));
        resp.setStatus(answer.status());
        resp.setContentType("application/json");
        byte[] out = JSON.writeValueAsBytes(answer.body());
        resp.setContentLength(out.length);
        resp.getOutputStream().write(out);
    }

    private Optional<WebhookMeters> meters() {
        WebhookMeters m = meters;
        if (m == null) {
            Optional<WebhookMeters> ready = boot.ifReady().map(core -> new WebhookMeters(core.service(MeterRegistry.class)));
            ready.ifPresent(r -> meters = r);
            return ready;
        }
        return Optional.of(m);
    }

    private WebhookAnswer handle(HttpServletRequest req) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            return WebhookAnswer.error(405, "method_not_allowed", "Webhooks are delivered with POST.");
        }
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        String rest = info.startsWith("/") ? info.substring(1) : info;
        int slash = rest.indexOf('/');
        String plugin = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (!PLUGIN.matcher(plugin).matches()) {
            return WebhookAnswer.error(404, "no_receiver", "Deliver webhooks to /hooks/<plugin id>, e.g. /hooks/github.");
        }
        if (req.getContentLengthLong() > maxBody) {
            return tooLarge();
        }
        byte[] body;
        try {
            body = read(req.getInputStream(), req.getContentLengthLong(), maxBody);
        } catch (BodySizeLimitFilter.BodyTooLargeException e) {
            return tooLarge();
        }
        if (body == null) {
            return tooLarge();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
        }
        return boot.await().service(WebhookIntake.class).receive(plugin, path, headers, body);
    }

    private WebhookAnswer tooLarge() {
        return WebhookAnswer.error(413, "payload_too_large", "The delivery is larger than the " + maxBody
                + " bytes this server accepts for webhooks.");
    }

    /**
     * The body, or null when it grows past {@code max}. A declared length up to
     * {@link #PRESIZED_MAX} (most deliveries) is read into one array of that size: no copying, no
     * growing. Larger ones grow as bytes arrive, so a client declaring 25 MB and sending nothing
     * does not make the server set aside 25 MB.
     */
    private static byte[] read(InputStream in, long declared, long max) throws IOException {
        if (declared >= 0 && declared <= Math.min(max, PRESIZED_MAX)) {
            byte[] body = new byte[(int) declared];
            int n = in.readNBytes(body, 0, body.length);
            return n == body.length ? body : java.util.Arrays.copyOf(body, n);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
