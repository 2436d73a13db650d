package io.slipway.core.pages;

import io.slipway.core.pages.internal.LastDeployment;
import io.slipway.core.pages.internal.LastDeployments;
import io.slipway.core.pages.internal.Notice;
import io.slipway.core.projects.Project;
import io.slipway.core.projects.ProjectService;
import io.slipway.core.security.AccessPolicy;
import io.slipway.core.security.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/** {@code /}: every project the caller may see, its apps and how each was last deployed. */
@Path("/")
public final class DashboardPage {
    private final ProjectService projects;
    private final LastDeployments deployments;
    private final AccessPolicy access;

    @Inject
    public DashboardPage(ProjectService projects, Jdbi jdbi, AccessPolicy access) {
        this.projects = projects;
        this.access = access;
        this.deployments = new LastDeployments(jdbi);
    }

    /** One app's row. */
    public record AppRow(String name, Optional<LastDeployment> last) {
    }

    /** One project's card. */
    public record ProjectCard(String name, List<AppRow> apps) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response dashboard(@QueryParam("done") String done, @QueryParam("name") String name,
                              @Context ContainerRequestContext request) {
        Map<String, LastDeployment> last = deployments.byApp();
        Predicate<String> visible = access.visibility(Callers.of(request));
        List<ProjectCard> cards = projects.list().stream()
                .filter(p -> visible.test(p.name()))
                .map(p -> card(p, last))
                .toList();
        return View.of("dashboard")
                .with("projects", cards)
                .with("notice", Notice.of(done, name).orElse(null))
                .response();
    }

    private static ProjectCard card(Project p, Map<String, LastDeployment> last) {
        return new ProjectCard(p.name(), p.apps().stream()
                .map(a -> new AppRow(a, Optional.ofNullable(last.get(a))))
                .toList());
    }
}
