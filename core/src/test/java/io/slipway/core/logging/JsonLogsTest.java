package io.slipway.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.config.ConfigurationException;
import io.slipway.core.config.SlipwayConfigLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** SLIPWAY_LOG_FORMAT: text by default; json turns the console's lines into JSON objects carrying the MDC. */
class JsonLogsTest {
    @TempDir
    Path home;

    @Test
    void formatIsTextUnlessJsonIsAsked() {
        assertEquals(LogFormat.TEXT, load(Map.of()).logFormat());
        assertEquals(LogFormat.JSON, load(Map.of("SLIPWAY_LOG_FORMAT", "JSON")).logFormat());
        assertEquals(LogFormat.TEXT, load(Map.of("SLIPWAY_LOG_FORMAT", " text ")).logFormat());
    }

    @Test
    void refusesAnUnknownFormatNamingTheSetting() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(Map.of("SLIPWAY_LOG_FORMAT", "xml")));
        assertTrue(e.getMessage().contains("SLIPWAY_LOG_FORMAT") && e.getMessage().contains("xml"), e.getMessage());
    }

    @Test
    void jsonReplacesTheConsolesTextLinesWithObjectsCarryingTheMdc() throws Exception {
        // A logging set-up of its own, like the war's logback.xml: a pattern appender on the root logger.
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the MDC the code under test writes to
        context.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setContext(context);
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%level %logger - %msg%n");
        text.start();
        console.setEncoder(text);
        console.setOutputStream(out);
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        Logger log = context.getLogger("io.slipway.test");

        log.info("before");
        LogbackJson.useJsonOnConsole(context);
        LogbackJson.useJsonOnConsole(context); // the embedded server and the web app both apply it: once is the same as twice
        MDC.put(LogFields.DEPLOYMENT_ID, "42");
        try {
            log.warn("Deployment {} failed \"quoted\"\nsecond line", 42);
        } finally {
            MDC.remove(LogFields.DEPLOYMENT_ID);
        }
        context.stop();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("INFO io.slipway.test - before", lines[0]);
        assertEquals(2, lines.length, String.join("\n", lines));
        JsonNode line = new ObjectMapper().readTree(lines[1]);
        assertEquals("WARN", line.get("level").asText());
        assertEquals("io.slipway.test", line.get("loggerName").asText());
        assertEquals("42", line.get("mdc").get(LogFields.DEPLOYMENT_ID).asText());
        assertEquals("Deployment 42 failed \"quoted\"\nsecond line", line.get("formattedMessage").asText());
        assertFalse(line.has("context"), "no logger context on every line: " + line);
    }

    private io.slipway.core.config.SlipwayConfig load(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SLIPWAY_HOME", home.toString());
        return new SlipwayConfigLoader(all, new Properties()).load();
    }
}
