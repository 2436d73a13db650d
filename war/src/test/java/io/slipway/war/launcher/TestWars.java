package io.slipway.war.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small wars built in code: entry name to text content, written in the order given. */
final class TestWars {
    private TestWars() {
    }

    /** A minimal Slipway-shaped war, plus the given entries. */
    static Path write(Path file, Map<String, String> extra) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
        entries.put("io/slipway/war/launcher/Launcher.class", "not really a class");
        entries.put("WEB-INF/web.xml", "<web-app/>");
        entries.put("WEB-INF/lib/core.jar", "core");
        entries.putAll(extra);
        return writeExactly(file, entries);
    }

    /** A zip holding exactly these entries; names are written as given, however hostile. */
    static Path writeExactly(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
