package io.slipway.war.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A base image made from programs of this machine, as no registry can be reached: each program with
 * its shared libraries ({@code ldd}), copied at their own paths onto a small base image (the busybox
 * test image, for a shell), plus text files and empty folders.
 *
 * <pre>{@code
 * HostImage.on("slipway-test/busybox:latest").program("/usr/sbin/nginx").copy("/etc/nginx/mime.types")
 *     .text("/etc/group", "root:x:0:\n").folder("/var/log/nginx").build(DockerCli.local(), "slipway-test/nginx:latest");
 * }</pre>
 */
public final class HostImage {
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(/\\S+)");

    private final String base;
    private final Set<String> copies = new LinkedHashSet<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final List<String> folders = new ArrayList<>();

    private HostImage(String base) {
        this.base = Objects.requireNonNull(base);
    }

    public static HostImage on(String baseImage) {
        return new HostImage(baseImage);
    }

    /** The program and the shared libraries {@code ldd} names for it. */
    public HostImage program(String path) {
        copies.add(path);
        try {
            Process ldd = new ProcessBuilder("ldd", path).redirectErrorStream(true).start();
            String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ldd.waitFor();
            Matcher m = ABSOLUTE_PATH.matcher(out);
            while (m.find()) {
                copies.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A file of this machine, at the same path in the image. */
    public HostImage copy(String path) {
        copies.add(path);
        return this;
    }

    /** A file with this text (replacing the base image's, e.g. /etc/passwd). */
    public HostImage text(String path, String content) {
        texts.put(path, content);
        return this;
    }

    /** An empty folder. */
    public HostImage folder(String path) {
        folders.add(path);
        return this;
    }

    public void build(DockerCli docker, String tag) {
        try {
            Path context = Files.createTempDirectory(SlipwayProcess.itDir("host-images"), "ctx-");
            try {
                for (String f : copies) {
                    Path target = rootfs(context, f);
                    Files.createDirectories(target.getParent());
                    Files.copy(Path.of(f).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
                }
                for (Map.Entry<String, String> t : texts.entrySet()) {
                    Path target = rootfs(context, t.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, t.getValue());
                }
                for (String folder : folders) {
                    Files.createDirectories(rootfs(context, folder));
                }
                Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nCOPY rootfs/ /\n");
                docker.lines("build", "-q", "-t", tag, context.toString());
            } finally {
                try (var walk = Files.walk(context)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path rootfs(Path context, String absolute) {
        return context.resolve("rootfs" + absolute);
    }
}
