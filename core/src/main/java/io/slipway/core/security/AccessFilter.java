package io.slipway.core.security;

import io.slipway.core.SlipwayException;
import io.slipway.core.http.ErrorResponses;
import io.slipway.core.http.Page;
import io.slipway.core.projects.Project;
import io.slipway.core.pages.View;
import io.slipway.core.security.internal.BodyPeek;
import io.slipway.core.security.internal.Secrets;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one gate of both Jersey applications (REST API and pages): finds out who calls (bearer
 * token, else session cookie), checks the CSRF token of cookie-authenticated changes, and asks
 * {@link AccessPolicy} whether the caller may do this. Nothing is open but {@code /api/v1/health},
 * {@code /login}, {@code /setup} and {@code /hooks/*} ({@code /static/*} is not Jersey's).
 * Anonymous API calls get 401 JSON; anonymous page views are sent to the login page.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AccessFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String SESSION_COOKIE = "slipway_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OPEN_API = Set.of("health");
    private static final Set<String> OPEN_PAGES = Set.of("login", "setup", "hooks");
    private static final String CREATED_PROJECT = "slipway.security.createdProject";

    private final Provider<Authenticator> authenticator;
    private final Provider<AccessPolicy> policy;
    private final ResourceInfo resource;

    @Inject
    public AccessFilter(Provider<Authenticator> authenticator, Provider<AccessPolicy> policy, @Context ResourceInfo resource) {
        this.authenticator = authenticator;
        this.policy = policy;
        this.resource = resource;
    }

    /*
     * A scraper of /metrics wants a status, not a login page. The pages application has no JSON
     * writer, so the error shape is written as text.
     */
    private static Response metricsUnauthenticated() {
        return Response.status(401).type("application/json").header("WWW-Authenticate", "Bearer")
                .entity("{\"error\":{\"code\":\"unauthenticated\",\"message\":\"Send 'Authorization: Bearer "
                        + "<API token>' (read scope is enough) to scrape /metrics.\",\"details\":{}}}").build();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        boolean api = isApi(request);
        List<String> path = segments(request);
        String first = path.isEmpty() ? "" : path.get(0);
        if ((api ? OPEN_API : OPEN_PAGES).contains(first)) {
            request.setProperty(RequestActor.PROPERTY, "anonymous");
            return;
        }
        try {
            Optional<Caller> found = authenticate(request);
            if (found.isEmpty()) {
                drainSmallBody(request);
                request.abortWith(api
                        ? ErrorResponses.of(401, "unauthenticated", "Sign in first: send 'Authorization: Bearer <API token>'.")
                        : first.equals("metrics") ? metricsUnauthenticated()
                        : Response.seeOther(loginUri(request)).build());
                return;
            }
            Caller caller = found.get();
            request.setProperty(Caller.PROPERTY, caller);
            request.setProperty(RequestActor.PROPERTY, caller.actor());
            boolean mutating = !SAFE.contains(request.getMethod());
            BodyPeek body = mutating ? BodyPeek.of(request) : null;
            if (mutating && caller.viaSession()) {
                checkCsrf(request, caller, body);
            }
            Optional<ProjectRef> ref = projectRef(path);
            boolean creates = false;
            if (mutating && ref.isEmpty()) {
                creates = Set.of("projects", "apps", "extensions", "stacks").contains(first);
                Optional<String> named = body.field("project");
                if (named.isPresent()) {
                    ref = Optional.of(new ProjectRef(ProjectRef.Kind.PROJECT, named.get()));
                }
                if (first.equals("projects") && path.size() <= 2) {
                    body.field("name").ifPresent(n -> request.setProperty(CREATED_PROJECT, n));
                }
            }
            policy.get().check(caller, new AccessPolicy.Target(mutating, annotated(AdminOnly.class),
                    annotated(OwnAccount.class), ref, creates));
        } catch (SlipwayException e) {
            drainSmallBody(request);
            request.abortWith(api ? ErrorResponses.of(e.status(), e.code(), e.getMessage(), e.details())
                    : View.of("error").status(e.status()).with("title", e.status() == 401 ? "Not signed in" : "Not allowed")
                    .with("message", e.getMessage()).response());
        }
    }

    /**
     * A project a non-admin created through this request makes them its member; a list of
     * projects or apps shows a non-admin only those of their projects.
     */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object created = request.getProperty(CREATED_PROJECT);
        if (!(request.getProperty(Caller.PROPERTY) instanceof Caller caller) || caller.user().role() == Role.ADMIN) {
            return;
        }
        if (created instanceof String name && response.getStatus() < 400) {
            policy.get().creatorJoins(caller, name.strip());
        }
        if (response.getEntity() instanceof Page<?> page) {
            java.util.function.Predicate<String> visible = policy.get().visibility(caller);
            response.setEntity(new Page<>(page.items().stream().filter(item -> visibleItem(item, visible)).toList(),
                    page.nextCursor()), response.getEntityAnnotations(), response.getMediaType());
        }
    }

    private static boolean visibleItem(Object item, java.util.function.Predicate<String> visible) {
        if (item instanceof Project p) {
            return visible.test(p.name());
        }
        if (item instanceof Map<?, ?> m && m.get("project") instanceof String project) {
            return visible.test(project);
        }
        return true;
    }

    /**
     * Reads what is left of a small refused body, so the connection can carry the next request
     * (a server that answers without reading the body must close it, and a client sending its next
     * request on it gets no answer). Large bodies are left: closing is right for them.
     */
    private static void drainSmallBody(ContainerRequestContext request) {
        if (request.hasEntity() && request.getLength() >= 0 && request.getLength() <= 64 * 1024) {
            try {
                request.getEntityStream().readNBytes(64 * 1024);
            } catch (java.io.IOException e) {
                // the client went away; nothing to keep alive
            }
        }
    }

    private Optional<Caller> authenticate(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authenticator.get().bearer(authorization.substring(7)));
        }
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        return cookie == null ? Optional.empty() : authenticator.get().session(cookie.getValue());
    }

    private static void checkCsrf(ContainerRequestContext request, Caller caller, BodyPeek body) {
        String sent = request.getHeaderString(CSRF_HEADER);
        if (sent == null) {
            sent = body.field(CSRF_FIELD).orElse(null);
        }
        if (!Secrets.constantTimeEquals(caller.sessionCsrf().orElseThrow(), sent)) {
            throw new AccessDeniedException("The form's security token is missing or out of date (CSRF check): "
                    + "reload the page and try again.");
        }
    }

    /** The project a path names: {@code apps/{app}...}, {@code projects/{name}...}, {@code deployments/{id}...}, {@code stacks/{id}...}. */
    static Optional<ProjectRef> projectRef(List<String> path) {
        if (path.size() < 2 || path.get(1).isEmpty() || path.get(1).equals("new")) {
            return Optional.empty();
        }
        return switch (path.get(0)) {
            case "apps" -> Optional.of(new ProjectRef(ProjectRef.Kind.APP, path.get(1)));
            case "projects" -> Optional.of(new ProjectRef(ProjectRef.Kind.PROJECT, path.get(1)));
            case "deployments" -> Optional.of(new ProjectRef(ProjectRef.Kind.DEPLOYMENT, path.get(1)));
            case "stacks" -> Optional.of(new ProjectRef(ProjectRef.Kind.STACK, path.get(1)));
            default -> Optional.empty();
        };
    }

    private boolean annotated(Class<? extends java.lang.annotation.Annotation> type) {
        Method method = resource.getResourceMethod();
        Class<?> cls = resource.getResourceClass();
        return has(method, type) || has(cls, type);
    }

    private static boolean has(AnnotatedElement element, Class<? extends java.lang.annotation.Annotation> type) {
        return element != null && element.isAnnotationPresent(type);
    }

    private static boolean isApi(ContainerRequestContext request) {
        return request.getUriInfo().getBaseUri().getRawPath().endsWith("/api/v1/");
    }

    private static List<String> segments(ContainerRequestContext request) {
        return request.getUriInfo().getPathSegments().stream().map(PathSegment::getPath)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** The login page, with {@code next} = where the user wanted to go (a path under the pages' root). */
    private static URI loginUri(ContainerRequestContext request) {
        URI base = request.getUriInfo().getBaseUri();
        String next = request.getUriInfo().getRequestUri().getRawPath().substring(base.getRawPath().length());
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (query != null) {
            next = next + "?" + query;
        }
        String target = base.getRawPath() + "login" + (next.isEmpty() || !SAFE.contains(request.getMethod())
                ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        return URI.create(target);
    }
}
