package io.slipway.core.deployments;

import io.slipway.core.cluster.Cluster;
import io.slipway.core.cluster.ClusterMember;
import io.slipway.core.pages.View;
import io.slipway.core.pipeline.Pipeline;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /status}: the servers sharing the database, the pipeline's workers, queue and what the reconciler has done. */
@Path("/status")
public final class StatusPage {
    private final Pipeline pipeline;
    private final Cluster cluster;

    @Inject
    public StatusPage(Pipeline pipeline, Cluster cluster) {
        this.pipeline = pipeline;
        this.cluster = cluster;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        List<ClusterMember> servers = cluster.members();
        return View.of("deployments/status").with("status", pipeline.status()).with("servers", servers)
                .with("thisServer", cluster.serverId())
                .with("leaderAlive", servers.stream().anyMatch(ClusterMember::leader)).response();
    }
}
