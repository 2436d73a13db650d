package io.slipway.core.pages;

import io.slipway.core.pages.internal.LastDeployment;
import io.slipway.core.pages.internal.LastDeployments;
import io.slipway.core.pages.internal.Notice;
import io.slipway.core.projects.Project;
import io.slipway.core.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@code /}: every project, its apps and how each was last deployed. */
@Path("/")
public final class DashboardPage {
    private final ProjectService projects;
    private final LastDeployments deployments;

    @Inject
    public DashboardPage(ProjectService projects, Jdbi jdbi) {
        this.projects = projects;
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
    public Response dashboard(@QueryParam("done") String done, @QueryParam("name") String name) {
        Map<String, LastDeployment> last = deployments.byApp();
        List<ProjectCard> cards = projects.list().stream()
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
