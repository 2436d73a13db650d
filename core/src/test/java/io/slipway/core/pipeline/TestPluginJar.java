package io.slipway.core.pipeline;

import io.slipway.core.pipeline.testext.TestExtensions;
import io.slipway.plugin.api.SlipwayExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Packs the test extensions (their compiled classes from the test class path) into a PF4J plugin
 * JAR with a manifest descriptor and {@code META-INF/extensions.idx}, for a Slipway running in
 * another process.
 */
final class TestPluginJar {
    private TestPluginJar() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve(TestExtensions.PLUGIN + "-1.0.0.jar");
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", TestExtensions.PLUGIN);
        a.putValue("Plugin-Version", "1.0.0");
        a.putValue("Plugin-Provider", "Slipway tests");
        StringBuilder index = new StringBuilder();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> c : TestExtensions.CLASSES) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
                if (SlipwayExtension.class.isAssignableFrom(c)) {
                    index.append(c.getName()).append('\n');
                }
            }
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write(index.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
