package io.slipway.core.router.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A backend's response head to a WebSocket handshake, and the bytes read past it. */
record BackendResponseHead(int status, List<Map.Entry<String, String>> fields, byte[] rest) {
    private static final int MAX_HEAD = 16 * 1024;

    String field(String name) {
        return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    static BackendResponseHead read(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_HEAD];
        int len = 0;
        int end = -1;
        while (end < 0) {
            if (len == buf.length) {
                throw new IOException("backend response head too large");
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                throw new IOException("backend closed the connection during the handshake");
            }
            len += n;
            end = indexOfBlankLine(buf, len);
        }
        String[] lines = new String(buf, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("backend sent no HTTP response");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("backend sent a bad status line");
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        byte[] rest = Arrays.copyOfRange(buf, end + 4, len);
        return new BackendResponseHead(status, fields, rest);
    }

    private static int indexOfBlankLine(byte[] b, int len) {
        for (int i = 0; i + 3 < len; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
