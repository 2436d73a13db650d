package io.slipway.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.source.TriggerEvent;
import io.slipway.plugin.api.source.WebhookReceiver;
import io.slipway.plugin.api.source.WebhookRejectedException;
import io.slipway.plugin.api.source.WebhookRequest;
import io.slipway.plugin.api.source.WebhookSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for the github plugin's receiver: GitHub's headers and payload shapes, verified as
 * GitHub signs ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}).
 */
public final class TestWebhookReceiver implements WebhookReceiver {
    public static final String ID = "hooktest";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Test webhooks (GitHub-shaped)";
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        return request.header("X-GitHub-Delivery");
    }

    @Override
    public String eventName(WebhookRequest request) {
        return request.header("X-GitHub-Event").orElse("");
    }

    @Override
    public List<TriggerEvent> receive(WebhookRequest request, WebhookSecrets secrets) {
        byte[] body = request.body();
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (IOException e) {
            doc = null;
        }
        if (doc == null || !doc.isObject() || !doc.path("repository").path("full_name").isTextual()) {
            throw new WebhookRejectedException(400, "payload is not a JSON object naming its repository");
        }
        String repo = doc.path("repository").path("full_name").asText();
        byte[] given = request.header("X-Hub-Signature-256").filter(s -> s.startsWith("sha256="))
                .map(s -> s.substring(7)).flatMap(TestWebhookReceiver::hex).orElse(new byte[0]);
        boolean valid = given.length == 32 && secrets.forRepository(repo).stream()
                .anyMatch(s -> MessageDigest.isEqual(hmac(s, body), given));
        if (!valid) {
            throw new WebhookRejectedException(401, "X-Hub-Signature-256 does not match the app's webhook secret");
        }
        if (doc.path("claims").isTextual()) {
            repo = doc.path("claims").asText(); // a buggy receiver: reports another repository than it verified
        }
        String event = request.header("X-GitHub-Event").orElse("");
        String delivery = request.header("X-GitHub-Delivery").orElse("");
        String sender = doc.path("sender").path("login").asText("someone");
        return switch (event) {
            case "push" -> {
                String ref = doc.path("ref").asText("");
                List<String> paths = new ArrayList<>();
                for (JsonNode c : doc.path("commits")) {
                    for (String k : List.of("added", "modified", "removed")) {
                        c.path(k).forEach(p -> paths.add(p.asText()));
                    }
                }
                TriggerEvent.Kind kind = ref.startsWith("refs/tags/") ? TriggerEvent.Kind.TAG : TriggerEvent.Kind.PUSH;
                yield List.of(new TriggerEvent(kind, repo, ref, doc.path("after").asText(""), Optional.empty(), delivery,
                        sender, paths, false));
            }
            case "pull_request" -> {
                String action = doc.path("action").asText("");
                JsonNode pr = doc.path("pull_request");
                TriggerEvent.Kind kind = switch (action) {
                    case "opened", "reopened" -> TriggerEvent.Kind.PULL_REQUEST_OPENED;
                    case "synchronize" -> TriggerEvent.Kind.PULL_REQUEST_UPDATED;
                    case "closed" -> TriggerEvent.Kind.PULL_REQUEST_CLOSED;
                    default -> null;
                };
                yield kind == null ? List.of() : List.of(new TriggerEvent(kind, repo,
                        "refs/heads/" + pr.path("head").path("ref").asText(""), pr.path("head").path("sha").asText(""),
                        Optional.of(doc.path("number").asInt()), delivery, sender, List.of(),
                        pr.path("merged").asBoolean(false)));
            }
            default -> List.of(); // ping and every event this receiver does not deploy on
        };
    }

    public static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static Optional<byte[]> hex(String s) {
        try {
            return Optional.of(HexFormat.of().parseHex(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
