package io.slipway.core.pipeline.internal;

import io.slipway.core.pipeline.LogListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one log file for one listener: on each notice, reads what was appended since the last
 * read (complete lines only) and hands the lines on, numbered. The file is the truth, so a notice
 * that arrives early, late or twice loses nothing and repeats nothing. Notices coalesce: at most
 * one read runs or waits per follower.
 */
public final class LogFollower implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);

    private final Path file;
    private final LogListener listener;
    private final BooleanSupplier complete;
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final long fromLine;
    private long position;
    private long nextLine;
    private volatile boolean stopped;
    private Runnable onStop = () -> { };

    public LogFollower(Path file, long fromLine, LogListener listener, BooleanSupplier complete, Executor executor) {
        this.file = file;
        this.fromLine = fromLine;
        this.listener = listener;
        this.complete = complete;
        this.executor = executor;
    }

    public void onStop(Runnable action) {
        this.onStop = action;
    }

    /** Schedules a read (a notice: the log grew or the phase changed). */
    @Override
    public void run() {
        if (!stopped && scheduled.compareAndSet(false, true)) {
            executor.execute(this::catchUp);
        }
    }

    public void ping() {
        if (!stopped && !listener.keepAlive()) {
            stop();
        }
    }

    private void catchUp() {
        scheduled.set(false);
        if (stopped) {
            return;
        }
        try {
            // Ask before reading: lines written before the deployment ended are then all on disk.
            boolean ended = complete.getAsBoolean();
            if (!readNew()) {
                stop();
                return;
            }
            if (ended && !stopped) {
                stop();
                listener.end();
            }
        } catch (RuntimeException e) {
            LOG.debug("Following {} stopped: {}", file, e.getMessage());
            stop();
        }
    }

    private synchronized boolean readNew() {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (true) {
                buf.clear();
                int n = ch.read(buf, position);
                if (n <= 0) {
                    return true;
                }
                position += n;
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b != '\n') {
                        partial.write(b);
                        continue;
                    }
                    String line = partial.toString(StandardCharsets.UTF_8);
                    partial.reset();
                    long number = nextLine++;
                    if (number >= fromLine && !listener.line(number, line)) {
                        return false;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void stop() {
        if (!stopped) {
            stopped = true;
            onStop.run();
        }
    }

    public boolean isStopped() {
        return stopped;
    }
}
