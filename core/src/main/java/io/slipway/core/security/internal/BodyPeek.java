package io.slipway.core.security.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads one field of a request body before the resource does (the CSRF token of a form, the
 * project a JSON body names), then puts the bytes back so the resource reads the whole body.
 * Only the first {@link #LIMIT} bytes are looked at: a field must come early (the {@code csrf}
 * fragment is the first input of every form), and a large upload is never buffered.
 */
public final class BodyPeek {
    static final int LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] head;
    private final boolean complete;
    private final MediaType type;

    private BodyPeek(byte[] head, boolean complete, MediaType type) {
        this.head = head;
        this.complete = complete;
        this.type = type;
    }

    public static BodyPeek of(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return new BodyPeek(new byte[0], true, request.getMediaType());
        }
        try {
            InputStream in = request.getEntityStream();
            byte[] head = in.readNBytes(LIMIT);
            boolean complete = head.length < LIMIT;
            InputStream replay = new ByteArrayInputStream(head);
            request.setEntityStream(complete ? replay : new SequenceInputStream(replay, in));
            return new BodyPeek(head, complete, request.getMediaType());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
    }

    /** A top-level text field of a form (urlencoded or multipart) or a JSON object. */
    public Optional<String> field(String name) {
        if (type == null) {
            return Optional.empty();
        }
        if (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return formField(name);
        }
        if (type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            return multipartField(name);
        }
        if (complete && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            try {
                JsonNode node = JSON.readTree(head);
                return node != null && node.path(name).isTextual() ? Optional.of(node.get(name).asText()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty(); // the resource answers the malformed body with its own 400
            }
        }
        return Optional.empty();
    }

    private Optional<String> formField(String name) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<String> multipartField(String name) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String marker = "name=\"" + name + "\"";
        int at = text.indexOf(marker);
        if (at < 0) {
            return Optional.empty();
        }
        int start = text.indexOf("\r\n\r\n", at);
        if (start < 0) {
            return Optional.empty();
        }
        int end = text.indexOf("\r\n", start + 4);
        if (end < 0) {
            return Optional.empty();
        }
        byte[] value = Arrays.copyOfRange(head, start + 4, end);
        return Optional.of(new String(value, StandardCharsets.UTF_8));
    }
}
