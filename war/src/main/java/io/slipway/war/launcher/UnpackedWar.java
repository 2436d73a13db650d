package io.slipway.war.launcher;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A folder laid out like the war's {@code WEB-INF}: the launcher's unpack cache, or an exploded
 * war run in place.
 *
 * @param root the folder holding {@code WEB-INF}
 */
record UnpackedWar(Path root) {
    UnpackedWar {
        Objects.requireNonNull(root, "root");
    }

    Path webInf() {
        return root.resolve("WEB-INF");
    }

    /** The bundled plugin JARs' folder (may be empty). */
    Path pluginsDir() {
        return webInf().resolve("plugins");
    }

    /** WEB-INF/classes first (as in a servlet container), then the jars of lib and lib-embedded, by name. */
    URL[] classPath() throws IOException {
        List<URL> urls = new ArrayList<>();
        Path classes = webInf().resolve("classes");
        if (Files.isDirectory(classes)) {
            urls.add(url(classes));
        }
        urls.addAll(jars(webInf().resolve("lib")));
        urls.addAll(jars(webInf().resolve("lib-embedded")));
        return urls.toArray(URL[]::new);
    }

    private static List<URL> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is missing: this is not a Slipway war, or its unpacked copy was damaged");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            List<URL> urls = new ArrayList<>(jars.size());
            for (Path jar : jars) {
                urls.add(url(jar));
            }
            return urls;
        }
    }

    private static URL url(Path p) throws MalformedURLException {
        return p.toUri().toURL();
    }
}
