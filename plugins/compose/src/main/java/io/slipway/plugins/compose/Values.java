package io.slipway.plugins.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose's scalar formats: ports, durations ({@code 1m30s}), byte sizes ({@code 512m}). */
final class Values {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|ns|h|m|s)");
    private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)i?b?", Pattern.CASE_INSENSITIVE);

    private Values() {
    }

    static int port(String field, String text) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidComposeException(field, "'" + text + "' is not a port number: use 1-65535"
                    + (text.contains("-") ? " (port ranges are not supported)" : "") + ".");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidComposeException(field, "Port " + port + " is out of range: use 1-65535.");
        }
        return port;
    }

    /** One entry of {@code ports:} in short ({@code [ip:][published:]target[/proto]}) or long form. */
    static ServiceSpec.PortSpec portSpec(String field, JsonNode node) {
        if (node.isObject()) {
            int target = port(field, node.path("target").asText(""));
            Optional<Integer> published = ComposeParser.text(node.path("published")).map(p -> port(field, p));
            return new ServiceSpec.PortSpec(target, published, node.path("protocol").asText("tcp"));
        }
        String text = node.asText();
        String protocol = "tcp";
        int slash = text.indexOf('/');
        if (slash >= 0) {
            protocol = text.substring(slash + 1);
            text = text.substring(0, slash);
        }
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new InvalidComposeException(field, "Protocol '" + protocol + "' is not supported: use tcp or udp.");
        }
        String[] parts = text.split(":");
        if (parts.length > 3) {
            throw new InvalidComposeException(field, "'" + node.asText() + "' is not a port mapping: use "
                    + "[published:]target[/protocol].");
        }
        int target = port(field, parts[parts.length - 1]);
        Optional<Integer> published = parts.length >= 2 && !parts[parts.length - 2].isEmpty()
                ? Optional.of(port(field, parts[parts.length - 2])) : Optional.empty();
        return new ServiceSpec.PortSpec(target, published, protocol);
    }

    static Duration duration(String field, String text) {
        String t = text.trim();
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        Matcher m = DURATION_PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            long nanos = switch (m.group(2)) {
                case "h" -> (long) (n * 3_600e9);
                case "m" -> (long) (n * 60e9);
                case "s" -> (long) (n * 1e9);
                case "ms" -> (long) (n * 1e6);
                case "us" -> (long) (n * 1e3);
                default -> (long) n;
            };
            total = total.plusNanos(nanos);
            at = m.end();
        }
        if (at != t.length() || t.isEmpty()) {
            throw new InvalidComposeException(field, "'" + text + "' is not a duration: write e.g. 10s, 1m30s or 500ms.");
        }
        return total;
    }

    static long bytes(String field, String text) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidComposeException(field, "'" + text + "' is not a size: write e.g. 512m or 1g.");
        }
        double n = Double.parseDouble(m.group(1));
        int power = "kmgt".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        return (long) (n * Math.pow(1024, power));
    }
}
