package io.slipway.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures one logger's lines as Slipway's JSON encoder writes them, for the test's duration. */
final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final Logger logger;
    private final Level levelBefore;

    LogCapture(String loggerName, Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = context.getLogger(loggerName);
        levelBefore = logger.getLevel();
        appender.setContext(context);
        appender.setName("capture-" + loggerName);
        appender.setEncoder(LogbackJson.encoder(context));
        appender.setOutputStream(out);
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
    }

    /** The first line {@code wanted} accepts, waiting up to 5 s (a request's last line may follow its answer). */
    JsonNode await(java.util.function.Predicate<JsonNode> wanted) {
        long until = System.currentTimeMillis() + 5_000;
        while (true) {
            java.util.Optional<JsonNode> found = lines().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("no such line in " + lines());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Every line captured so far, each parsed as one JSON object. */
    List<JsonNode> lines() {
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(json.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object per line: " + line, e);
            }
        }
        return lines;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
        appender.stop();
    }
}
