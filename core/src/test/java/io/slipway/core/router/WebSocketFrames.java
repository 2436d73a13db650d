package io.slipway.core.router;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Just enough of RFC 6455 framing for the router's WebSocket tests (small frames only). */
final class WebSocketFrames {
    record Frame(int opcode, byte[] payload) {
    }

    private WebSocketFrames() {
    }

    /** Reads an HTTP head up to the blank line, byte by byte (so nothing after it is consumed). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("closed before the end of the head");
            }
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] frame(int opcode, byte[] payload, boolean masked) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("test frames are small");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80 | opcode);
        b.write((masked ? 0x80 : 0) | payload.length);
        byte[] mask = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(mask);
            b.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            b.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        return b.toByteArray();
    }

    static Frame read(InputStream in) throws IOException {
        int b0 = readByte(in);
        int b1 = readByte(in);
        int len = b1 & 0x7f;
        if (len == 126) {
            len = (readByte(in) << 8) | readByte(in);
        } else if (len == 127) {
            throw new IOException("test frames are small");
        }
        byte[] mask = new byte[4];
        boolean masked = (b1 & 0x80) != 0;
        if (masked) {
            for (int i = 0; i < 4; i++) {
                mask[i] = (byte) readByte(in);
            }
        }
        byte[] payload = in.readNBytes(len);
        if (payload.length < len) {
            throw new EOFException();
        }
        if (masked) {
            for (int i = 0; i < len; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame(b0 & 0x0f, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException();
        }
        return c;
    }
}
