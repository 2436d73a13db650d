package io.slipway.core.pipeline.testext;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a test extension does, from its config: {@code ok}, {@code fail}, {@code slow} (sleeps
 * {@code millis}, honouring cancellation), {@code block} (waits until the file {@code <dir>/go}
 * exists, honouring cancellation) or {@code stubborn} (sleeps {@code millis} ignoring
 * cancellation). Every execution leaves side-effect files in {@code dir}:
 * {@code <deployment>-<phase>-<nanos>.start} and, when it completes, {@code .done}, so tests can
 * tell what ran and how often - also across processes.
 */
public final class TestBehaviour {
    public static final String GO = "go";

    private TestBehaviour() {
    }

    public static ConfigSchema schema() {
        return ConfigSchema.of(
                ConfigField.choice("behaviour", List.of("ok", "fail", "slow", "block", "stubborn")).defaultValue("ok"),
                ConfigField.number("millis").defaultValue("0"),
                ConfigField.text("dir").required(true),
                ConfigField.secret("token"));
    }

    /** Runs the configured behaviour for {@code phase}; returns normally when the work "succeeded". */
    public static void perform(String phase, Config config, StepContext step) {
        Path dir = Path.of(config.require("dir"));
        Path start = dir.resolve(step.deploymentId() + "-" + phase + "-" + System.nanoTime() + ".start");
        touch(start);
        config.text("token").ifPresent(t -> step.log().line("using token " + t));
        String behaviour = config.text("behaviour").orElse("ok");
        long millis = config.longValue("millis").orElse(0L);
        switch (behaviour) {
            case "fail" -> throw new StepFailedException("test " + phase + " failed on purpose");
            case "slow" -> sleep(millis, step);
            case "block" -> {
                step.log().line("waiting for " + dir.resolve(GO));
                while (!Files.exists(dir.resolve(GO))) {
                    sleep(10, step);
                }
            }
            case "stubborn" -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> { }
        }
        touch(Path.of(start.toString().replace(".start", ".done")));
    }

    static void sleep(long millis, StepContext step) {
        long until = System.currentTimeMillis() + millis;
        do {
            step.cancellation().throwIfCancelled();
            try {
                Thread.sleep(Math.min(10, Math.max(0, until - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                step.cancellation().throwIfCancelled();
                return;
            }
        } while (System.currentTimeMillis() < until);
        step.cancellation().throwIfCancelled();
    }

    static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
