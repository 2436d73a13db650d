package io.slipway.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The server's version, the one plugins' {@code Plugin-Requires} is checked against. */
public final class SlipwayVersion {
    private SlipwayVersion() {
    }

    public static String current() {
        try (InputStream in = SlipwayVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
