package io.slipway.core.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Logback's own JSON encoder (logback 1.3+), trimmed to the fields an operator's log store wants. */
final class LogbackJson {
    private LogbackJson() {
    }

    /** A started encoder writing one JSON object per line: timestamp, level, thread, logger, mdc, message, throwable. */
    static JsonEncoder encoder(LoggerContext context) {
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithArguments(false);
        json.setWithMessage(false); // the pattern with {} placeholders; the formatted message says it all
        json.setWithFormattedMessage(true);
        json.start();
        return json;
    }

    static void useJsonOnConsole(Object factory) {
        LoggerContext context = (LoggerContext) factory;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<OutputStreamAppender<ILoggingEvent>> streams = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> s && !(s.getEncoder() instanceof JsonEncoder)) {
                streams.add(s);
            }
        }
        for (OutputStreamAppender<ILoggingEvent> s : streams) {
            // Swapped in place: stopping the appender would close (a file's) stream and drop lines meanwhile.
            s.setEncoder(encoder(context));
        }
    }
}
