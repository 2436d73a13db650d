package io.slipway.core.security;

import static io.slipway.core.security.SecurityFixtures.createProject;
import static io.slipway.core.security.SecurityFixtures.createUser;
import static io.slipway.core.security.SecurityFixtures.grant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.http.ApiResources;
import io.slipway.core.pages.PageResources;
import io.slipway.core.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every resource method of the REST API and of the pages, as registered in
 * {@link ApiResources#CLASSES} and {@link PageResources#CLASSES}, and proves that each (but the
 * few open ones) turns an anonymous caller away and refuses a viewer's change. A new endpoint is
 * covered the moment it is listed.
 */
class EveryEndpointIsProtectedTest {
    /** What may be reached without signing in. Keep this list short. */
    private static final Set<String> OPEN_API = Set.of("/health");
    private static final Set<String> OPEN_PAGES = Set.of("/login", "/setup", "/hooks");
    private static final String PROJECT = "walk";

    private static TestServer server;
    private static String viewerToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        createProject(server, PROJECT);
        createUser(server, "vic", "vic-password-1", "viewer");
        grant(server, PROJECT, "vic", "viewer");
        // An admin-scope token: only the user's viewer role limits it.
        viewerToken = SecurityFixtures.token(server, "vic", "vic-password-1", "admin", null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyApiEndpointRejectsAnonymousCallersAndViewersChanges() {
        List<String> failures = new ArrayList<>();
        List<EndpointWalk.Endpoint> endpoints = EndpointWalk.of(ApiResources.CLASSES, EveryEndpointIsProtectedTest::fill);
        assertTrue(endpoints.size() > 30, "the walk found only " + endpoints);
        for (EndpointWalk.Endpoint e : endpoints) {
            if (isOpen(e.template(), OPEN_API)) {
                continue;
            }
            HttpResponse<String> anonymous = send(server.asAnonymous(), e, "/api/v1");
            if (anonymous.statusCode() != 401 || !anonymous.body().contains("\"unauthenticated\"")) {
                failures.add(e + " anonymous -> " + anonymous.statusCode() + " " + anonymous.body());
            }
            if (e.mutating() && !e.ownAccount()) {
                HttpResponse<String> viewer = send(server.as(viewerToken), e, "/api/v1");
                if (viewer.statusCode() != 403) {
                    failures.add(e + " viewer -> " + viewer.statusCode() + " " + viewer.body());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyPageRedirectsAnonymousCallersToLoginAndRefusesViewersChanges() {
        List<String> failures = new ArrayList<>();
        List<EndpointWalk.Endpoint> endpoints = EndpointWalk.of(PageResources.CLASSES, EveryEndpointIsProtectedTest::fill);
        assertTrue(endpoints.size() > 20, "the walk found only " + endpoints);
        for (EndpointWalk.Endpoint e : endpoints) {
            if (isOpen(e.template(), OPEN_PAGES)) {
                continue;
            }
            HttpResponse<String> anonymous = send(server.asAnonymous(), e, "");
            String location = anonymous.headers().firstValue("Location").orElse("");
            // /metrics answers scrapers 401 in the error shape instead of a login page.
            boolean refused = e.template().equals("/metrics")
                    ? anonymous.statusCode() == 401 && anonymous.body().contains("\"unauthenticated\"")
                    : anonymous.statusCode() == 303 && location.contains("/login");
            if (!refused) {
                failures.add(e + " anonymous -> " + anonymous.statusCode() + " " + location);
            }
            if (e.mutating() && !e.ownAccount()) {
                HttpResponse<String> viewer = send(server.as(viewerToken), e, "");
                if (viewer.statusCode() != 403) {
                    failures.add(e + " viewer -> " + viewer.statusCode());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theOpenRoutesAnswerWithoutCredentials() {
        assertEquals(200, server.asAnonymous().get("/api/v1/health").statusCode());
        assertEquals(200, server.asAnonymous().get("/login").statusCode());
    }

    private static boolean isOpen(String template, Set<String> open) {
        return open.stream().anyMatch(o -> template.equals(o) || template.startsWith(o + "/"));
    }

    /** The walk's project for project names, a name nothing has for the rest. */
    private static String fill(String template, String name, String regex) {
        boolean project = name.equals("project") || template.startsWith("/projects/{" + name);
        for (String candidate : List.of(project ? PROJECT : "nothing-here", "1", "x")) {
            if (regex == null || Pattern.matches(regex, candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no value fits {" + name + ": " + regex + "} in " + template);
    }

    private static HttpResponse<String> send(TestServer as, EndpointWalk.Endpoint e, String prefix) {
        HttpRequest.Builder b = HttpRequest.newBuilder(as.uri(prefix + e.path())).header("Accept", "*/*");
        String type = e.consumes() == null ? "application/json" : e.consumes();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (e.mutating()) {
            if (type.startsWith("multipart/")) {
                String boundary = "walkboundary";
                type = "multipart/form-data; boundary=" + boundary;
                body = HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--"
                        + boundary + "--\r\n");
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                body = HttpRequest.BodyPublishers.ofString("x=y");
            } else if (type.startsWith("application/json") || type.equals("*/*")) {
                type = "application/json";
                body = HttpRequest.BodyPublishers.ofString("{}");
            } else {
                body = HttpRequest.BodyPublishers.ofString("x");
            }
            b.header("Content-Type", type);
        }
        HttpRequest request = b.method(e.httpMethod(), body).build();
        try {
            return as.send(request);
        } catch (java.io.UncheckedIOException io) {
            // A pooled connection the server had just closed: a client sends again, once.
            try {
                return as.send(request);
            } catch (java.io.UncheckedIOException again) {
                throw new AssertionError(e + ": " + again.getMessage(), again);
            }
        }
    }
}
