package io.slipway.core.uploads;

import io.slipway.core.pages.View;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * The app page's upload form ({@code POST /apps/{app}/uploads}, a plain multipart form that works
 * without JavaScript): stores the archive and goes to the deployment it queued, or back to the app
 * when only stored. Errors show on the error page with their message and status.
 */
@Path("/apps/{app}/uploads")
public final class UploadPages {
    private final UploadService uploads;

    @Inject
    public UploadPages(UploadService uploads) {
        this.uploads = uploads;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("app") String app, @FormDataParam("file") InputStream file,
                           @FormDataParam("file") FormDataContentDisposition disposition,
                           @FormDataParam("deploy") String deploy, @Context ContainerRequestContext request) {
        boolean andDeploy = deploy == null || !deploy.equals("false");
        UploadService.Received r = uploads.receive(app, file, disposition == null ? null : disposition.getFileName(),
                andDeploy, UploadsResource.actor(request));
        return r.deployment().map(d -> View.redirect("deployments/" + d.id()))
                .orElseGet(() -> View.redirect("apps/" + app + "#upload"));
    }
}
