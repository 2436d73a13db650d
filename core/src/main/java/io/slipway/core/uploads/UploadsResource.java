package io.slipway.core.uploads;

import io.slipway.core.InvalidInputException;
import io.slipway.core.deployments.DeploymentJson;
import io.slipway.core.http.PageRequest;
import io.slipway.core.security.RequestActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * {@code /api/v1/apps/{app}/uploads}: upload a source archive (multipart field {@code file}: zip,
 * tar.gz/tgz or tar) and deploy it (202 with the upload and its deployment), or only store it with
 * {@code ?deploy=false} (201); list the app's uploads.
 *
 * <pre>{@code
 * curl -H "Authorization: Bearer $TOKEN" -F file=@site.zip http://localhost:8080/api/v1/apps/web/uploads
 * }</pre>
 */
@Path("/apps/{app}/uploads")
@Produces(MediaType.APPLICATION_JSON)
public final class UploadsResource {
    private final UploadService uploads;

    @Inject
    public UploadsResource(UploadService uploads) {
        this.uploads = uploads;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("app") String app, @FormDataParam("file") InputStream file,
                           @FormDataParam("file") FormDataContentDisposition disposition,
                           @QueryParam("deploy") String deploy, @Context ContainerRequestContext request) {
        boolean andDeploy = deployFlag(deploy);
        UploadService.Received r = uploads.receive(app, file, disposition == null ? null : disposition.getFileName(),
                andDeploy, actor(request));
        if (r.deployment().isPresent()) {
            return Response.accepted(UploadJson.of(r.upload(), DeploymentJson.of(r.deployment().get())))
                    .location(URI.create("/api/v1/deployments/" + r.deployment().get().id())).build();
        }
        return Response.status(Response.Status.CREATED).entity(UploadJson.of(r.upload(), null)).build();
    }

    @GET
    public Map<String, List<UploadJson>> list(@PathParam("app") String app, @QueryParam("limit") String limit) {
        int max = PageRequest.parse(limit, null).limit();
        return Map.of("items", uploads.list(app, max).stream().map(u -> UploadJson.of(u, null)).toList());
    }

    static boolean deployFlag(String deploy) {
        if (deploy == null || deploy.equals("true")) {
            return true;
        }
        if (deploy.equals("false")) {
            return false;
        }
        throw InvalidInputException.field("deploy", "must be true or false");
    }

    static String actor(ContainerRequestContext request) {
        Object actor = request == null ? null : request.getProperty(RequestActor.PROPERTY);
        return actor == null ? "api" : actor.toString();
    }
}
