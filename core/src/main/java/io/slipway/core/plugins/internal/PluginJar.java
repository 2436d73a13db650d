package io.slipway.core.plugins.internal;

import io.slipway.core.plugins.PluginRejectedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * A plugin JAR on disk with its checked descriptor and the extension classes its
 * {@code META-INF/extensions.idx} lists. Reading one opens the JAR once and loads no class.
 */
public record PluginJar(Path path, PluginManifest manifest, List<String> extensionClasses) {
    static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";
    private static final Pattern CLASS_NAME = Pattern.compile(
            "^[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*$");

    public PluginJar {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(manifest, "manifest");
        extensionClasses = List.copyOf(extensionClasses);
    }

    public String id() {
        return manifest.id();
    }

    public String version() {
        return manifest.version();
    }

    /** The same plugin at another path (after the staged file moved into place). */
    public PluginJar at(Path newPath) {
        return new PluginJar(newPath, manifest, extensionClasses);
    }

    static boolean isClassName(String name) {
        return CLASS_NAME.matcher(name).matches();
    }

    /**
     * Reads and checks a JAR: a zip with a plugin descriptor, a Plugin-Class that is in it, and an
     * extensions index naming at least one class, each present in the JAR.
     *
     * @throws PluginRejectedException saying what is wrong
     */
    public static PluginJar read(Path path, PluginVersions versions) {
        try (JarFile jar = new JarFile(path.toFile(), false)) {
            PluginManifest manifest = PluginManifest.read(jar.getManifest(), versions);
            manifest.pluginClass().ifPresent(c -> requireClass(jar, manifest, c, "Plugin-Class"));
            JarEntry index = jar.getJarEntry(EXTENSIONS_INDEX);
            if (index == null) {
                throw new PluginRejectedException("Plugin '" + manifest.id() + "' has no " + EXTENSIONS_INDEX
                        + ": annotate its extensions with @org.pf4j.Extension and build with the PF4J annotation processor.");
            }
            List<String> classes = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(index), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String name = line.trim();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    if (!isClassName(name)) {
                        throw new PluginRejectedException(EXTENSIONS_INDEX + " of plugin '" + manifest.id()
                                + "' has a line that is not a class name: '" + abbreviate(name) + "'.");
                    }
                    requireClass(jar, manifest, name, EXTENSIONS_INDEX);
                    if (!classes.contains(name)) {
                        classes.add(name);
                    }
                }
            }
            if (classes.isEmpty()) {
                throw new PluginRejectedException(EXTENSIONS_INDEX + " of plugin '" + manifest.id()
                        + "' lists no extension: a plugin must contribute at least one.");
            }
            return new PluginJar(path, manifest, classes);
        } catch (ZipException e) {
            throw new PluginRejectedException("The upload is not a JAR (zip) file: upload the plugin's .jar.");
        } catch (IOException e) {
            throw new PluginRejectedException("The JAR cannot be read (" + e.getMessage() + "): upload it again.");
        }
    }

    private static void requireClass(JarFile jar, PluginManifest manifest, String className, String where) {
        if (jar.getJarEntry(className.replace('.', '/') + ".class") == null) {
            throw new PluginRejectedException(where + " of plugin '" + manifest.id() + "' names class " + className
                    + ", which is not in the JAR.", Map.of("class", className));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
