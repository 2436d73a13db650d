package io.slipway.war.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, run with argument lists (never through a shell), against the
 * engine the tests use: {@code DOCKER_HOST} when set, else the private engine of
 * {@code .ci/test-env.sh} when its socket exists, else the docker client's default.
 *
 * <pre>{@code
 * DockerCli docker = DockerCli.local();
 * List<String> ids = docker.lines("ps", "-a", "-q", "--filter", "label=slipway.app=web");
 * }</pre>
 */
public final class DockerCli {
    private static final Path PRIVATE_SOCKET = Path.of("/tmp/slipway-docker/docker.sock");

    private final String host;

    private DockerCli(String host) {
        this.host = host;
    }

    public static DockerCli local() {
        String env = System.getenv("DOCKER_HOST");
        if (env != null && !env.isBlank()) {
            return new DockerCli(env);
        }
        return new DockerCli(Files.exists(PRIVATE_SOCKET) ? "unix://" + PRIVATE_SOCKET : "");
    }

    /** The engine address, for the server's DOCKER_HOST; empty means the client's default. */
    public String host() {
        return host;
    }

    /** Whether an engine answers within a few seconds (and the CLI is installed). */
    public boolean answers() {
        try {
            return run(List.of("version", "--format", "{{.Server.Version}}"), 15).exit() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    public boolean hasImage(String reference) {
        return run(List.of("image", "inspect", reference), 30).exit() == 0;
    }

    /** Runs {@code docker <args>}; fails unless it exits 0; returns its non-blank output lines. */
    public List<String> lines(String... args) {
        Result r = run(Arrays.asList(args), 60);
        if (r.exit() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * Whether {@code network} shows Docker 20.10's leaked endpoint: no container attached, yet
     * removing it fails with "has active endpoints". Only restarting the engine clears that; Slipway
     * did ask for the removal (the removal is tried again here).
     */
    public boolean hasLeakedEndpoint(String network) {
        Result attached = run(List.of("network", "inspect", "--format", "{{len .Containers}}", network), 30);
        if (attached.exit() != 0 || !attached.output().strip().equals("0")) {
            return false;
        }
        Result removed = run(List.of("network", "rm", network), 30);
        return removed.exit() != 0 && removed.output().contains("has active endpoints");
    }

    /** Runs {@code docker <args>} and ignores the outcome (clean-up of what may be gone already). */
    public void quietly(List<String> args) {
        try {
            run(args, 60);
        } catch (RuntimeException e) {
            // best effort
        }
    }

    /** Removes the containers, images and networks labelled {@code slipway.app=<app>}. */
    public void removeEverythingOf(String app) {
        String label = "label=slipway.app=" + Objects.requireNonNull(app);
        List<String> containers = lines("ps", "-a", "-q", "--filter", label);
        if (!containers.isEmpty()) {
            quietly(concat(List.of("rm", "-f"), containers));
        }
        List<String> images = lines("images", "-q", "--filter", label);
        if (!images.isEmpty()) {
            quietly(concat(List.of("rmi", "-f"), images.stream().distinct().toList()));
        }
        List<String> networks = lines("network", "ls", "-q", "--filter", label);
        if (!networks.isEmpty()) {
            quietly(concat(List.of("network", "rm"), networks));
        }
    }

    /** Removes the networks of {@code project} (label {@code slipway.project}); call after its apps'. */
    public void removeNetworksOfProject(String project) {
        List<String> networks = lines("network", "ls", "-q", "--filter",
                "label=slipway.project=" + Objects.requireNonNull(project));
        if (!networks.isEmpty()) {
            quietly(concat(List.of("network", "rm"), networks));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Result run(List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(args);
        try {
            // Output goes to a file, so a hung engine cannot block a read past the timeout.
            Path out = Files.createTempFile("docker-cli-", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                if (!host.isEmpty()) {
                    pb.environment().put("DOCKER_HOST", host);
                }
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, "timed out after " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run docker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exit, String output) {
    }
}
