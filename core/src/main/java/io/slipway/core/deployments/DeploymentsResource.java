package io.slipway.core.deployments;

import io.slipway.core.InvalidInputException;
import io.slipway.core.pipeline.LogPage;
import io.slipway.core.pipeline.NotificationRecord;
import io.slipway.core.pipeline.Pipeline;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/deployments/{id}}: read one, cancel it, roll back to it, read or stream its log,
 * see its notifications.
 */
@Path("/deployments/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class DeploymentsResource {
    static final int MAX_LINES = 10_000;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Pipeline pipeline;

    @Inject
    public DeploymentsResource(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GET
    public DeploymentJson get(@PathParam("id") long id) {
        return DeploymentJson.of(pipeline.deployments().get(id), pipeline.deployments().phaseTimings(id));
    }

    @POST
    @Path("/cancel")
    public Response cancel(@PathParam("id") long id) {
        return Response.accepted(DeploymentJson.of(pipeline.deployments().cancel(id, AppDeploymentsResource.API_CALLER)))
                .build();
    }

    /** Makes this deployment's artifact live again as a new deployment (no fetch, no build). */
    @POST
    @Path("/rollback")
    public Response rollback(@PathParam("id") long id) {
        return AppDeploymentsResource.accepted(pipeline.deployments().rollback(id, Optional.empty(),
                AppDeploymentsResource.API_CALLER));
    }

    /** Lines {@code offset} (0-based) on, at most {@code limit}; 416 when offset is past the end. */
    @GET
    @Path("/log")
    public LogPage log(@PathParam("id") long id, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return pipeline.logs().read(id, number("offset", offset, 0, Long.MAX_VALUE),
                (int) number("limit", limit, MAX_LINES, MAX_LINES));
    }

    /** The log as plain text, whole. */
    @GET
    @Path("/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String logText(@PathParam("id") long id) {
        LogPage page = pipeline.logs().read(id, 0, Integer.MAX_VALUE);
        return page.lines().isEmpty() ? "" : String.join("\n", page.lines()) + "\n";
    }

    /**
     * The log live over Server-Sent Events: each line an event whose id is its line number; a
     * reconnecting client resumes after {@code Last-Event-ID}. Ends with an {@code end} event
     * once the deployment has ended.
     */
    @GET
    @Path("/log/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("id") long id, @HeaderParam("Last-Event-ID") String lastEventId,
                       @QueryParam("from") String from, @Context SseEventSink sink, @Context Sse sse) {
        long start = lastEventId != null && !lastEventId.isBlank()
                ? number("Last-Event-ID", lastEventId, -1, Long.MAX_VALUE - 1) + 1
                : number("from", from, 0, Long.MAX_VALUE);
        pipeline.logs().follow(id, start, new SseLogListener(sink, sse, id, pipeline), KEEP_ALIVE);
    }

    @GET
    @Path("/notifications")
    public Map<String, List<NotificationRecord>> notifications(@PathParam("id") long id) {
        pipeline.deployments().get(id);
        return Map.of("items", pipeline.notifications(id));
    }

    static long number(String field, String value, long fallback, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.field(field, "must be a whole number from 0 to " + max);
    }
}
