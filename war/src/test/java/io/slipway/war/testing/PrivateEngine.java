package io.slipway.war.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Docker engine of one test's own (dockerd with its data root, exec root, pid file and socket
 * under one temporary folder), which the test may stop and start again without disturbing the
 * engine the other tests share. Its default bridge is a device of its own and it writes no
 * iptables rules. NOT {@code --bridge=none}: dockerd then deletes the host's {@code docker0}, the
 * shared engine's bridge. {@link #close()} removes the networks it made before it stops, or their
 * bridge devices would outlive it and shadow other networks' routes.
 * Needs root and {@code dockerd}; {@link #canRun()} says whether this machine has both.
 */
public final class PrivateEngine implements AutoCloseable {
    private final Path dir;
    private final String bridge;
    private Process dockerd;

    private PrivateEngine(Path dir) {
        this.dir = dir;
        this.bridge = "slwit" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x100000));
    }

    public static boolean canRun() {
        return "root".equals(System.getProperty("user.name")) && dockerd().isPresent();
    }

    private static java.util.Optional<Path> dockerd() {
        return Stream.of("/usr/sbin/dockerd", "/usr/bin/dockerd", "/usr/local/bin/dockerd").map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    /** Starts a new engine under a new folder in /tmp (short: the socket path has a length limit). */
    public static PrivateEngine start() throws IOException, InterruptedException {
        PrivateEngine engine = new PrivateEngine(Files.createTempDirectory(Path.of("/tmp"), "slipway-it-dockerd-"));
        if (run(List.of("ip", "link", "add", engine.bridge, "type", "bridge")) != 0) {
            throw new IllegalStateException("could not create the bridge " + engine.bridge);
        }
        engine.startAgain();
        return engine;
    }

    public String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    /** Starts dockerd (again) on the same state; returns once it answers. */
    public void startAgain() throws IOException, InterruptedException {
        List<String> command = List.of(dockerd().orElseThrow().toString(), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("dockerd.pid").toString(),
                "-H", host(), "--bridge=" + bridge, "--iptables=false", "--ip-masq=false");
        dockerd = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (docker(List.of("version"), null) != 0) {
            if (!dockerd.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the private dockerd did not start: " + log());
            }
            Thread.sleep(200);
        }
    }

    /** Stops dockerd as a restart would (SIGTERM, then waits for it to exit). */
    public void stop() throws InterruptedException {
        if (dockerd != null && dockerd.isAlive()) {
            dockerd.destroy();
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Copies an image from the shared engine ({@code sharedHost}) into this one. */
    public void copyImage(String sharedHost, String image) throws IOException, InterruptedException {
        Path tar = dir.resolve("image.tar");
        ProcessBuilder save = new ProcessBuilder("docker", "save", "-o", tar.toString(), image);
        if (!sharedHost.isEmpty()) {
            save.environment().put("DOCKER_HOST", sharedHost);
        }
        if (save.redirectErrorStream(true).start().waitFor() != 0 || docker(List.of("load", "-i", tar.toString()), null) != 0) {
            throw new IllegalStateException("could not copy " + image + " into the private engine");
        }
        Files.deleteIfExists(tar);
    }

    /** Runs {@code docker <args>} against this engine; its exit code. */
    public int docker(List<String> args, StringBuilder output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", host());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (output != null) {
            output.append(out);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("dockerd.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Removes every container, stops the engine and deletes its state. */
    @Override
    public void close() throws Exception {
        try {
            if (dockerd != null && dockerd.isAlive()) {
                StringBuilder ids = new StringBuilder();
                docker(List.of("ps", "-aq"), ids);
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                ids.toString().lines().filter(l -> !l.isBlank()).forEach(rm::add);
                if (rm.size() > 2) {
                    docker(rm, null);
                }
                docker(List.of("network", "prune", "-f"), null);
            }
        } finally {
            stop();
            run(List.of("ip", "link", "del", bridge));
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // best effort: a leftover mount keeps a folder; /tmp is cleared on reboot
            }
        }
    }
}
