package io.slipway.core.deployments;

import io.slipway.core.pipeline.LogListener;
import io.slipway.core.pipeline.Pipeline;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** Turns log lines into Server-Sent Events on one client's connection. */
final class SseLogListener implements LogListener {
    private final SseEventSink sink;
    private final Sse sse;
    private final long deploymentId;
    private final Pipeline pipeline;

    SseLogListener(SseEventSink sink, Sse sse, long deploymentId, Pipeline pipeline) {
        this.sink = sink;
        this.sse = sse;
        this.deploymentId = deploymentId;
        this.pipeline = pipeline;
    }

    @Override
    public boolean line(long number, String text) {
        if (sink.isClosed()) {
            return false;
        }
        sink.send(sse.newEventBuilder().id(String.valueOf(number)).name("line").data(text).build())
                .toCompletableFuture().join();
        return !sink.isClosed();
    }

    @Override
    public void end() {
        if (!sink.isClosed()) {
            String phase = pipeline.deployments().find(deploymentId).map(d -> d.phase().name()).orElse("");
            sink.send(sse.newEventBuilder().name("end").data(phase).build()).toCompletableFuture().join();
            sink.close();
        }
    }

    @Override
    public boolean keepAlive() {
        if (sink.isClosed()) {
            return false;
        }
        try {
            sink.send(sse.newEventBuilder().comment("keep-alive").build()).toCompletableFuture().join();
            return !sink.isClosed();
        } catch (RuntimeException e) {
            sink.close();
            return false;
        }
    }
}
