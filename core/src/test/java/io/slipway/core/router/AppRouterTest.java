package io.slipway.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The router over real HTTP on 127.0.0.1: Host routing, error pages, forwarded headers, WebSockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppRouterTest {
    private RouterTestSupport t;
    private TestBackend web;
    private TestBackend webStaging;
    private TestBackend api;

    @BeforeAll
    void start() {
        t = RouterTestSupport.start();
        web = TestBackend.start("web-prod");
        webStaging = TestBackend.start("web-staging");
        api = TestBackend.start("api-prod");
        long webId = t.app("web");
        long apiId = t.app("api");
        t.app("idle");
        // A stack: its first service is the app's host, a further one answers at <service>.<app host>.
        long stackId = t.app("stack");
        t.activate(stackId, "stack", "production", 4, web.port(), java.util.Map.of(
                "slipway.route.admin", "127.0.0.1:" + api.port(), "slipway.route.Bad_Name", "127.0.0.1:" + api.port(),
                "slipway.route.worse", "not a host"));
        t.activate(webId, "web", "production", 1, web.port());
        t.activate(webId, "web", "staging", 2, webStaging.port());
        t.activate(apiId, "api", "production", 3, api.port());
    }

    @AfterAll
    void stop() {
        t.close();
        web.close();
        webStaging.close();
        api.close();
    }

    @Test
    void routesByHostToTheAppsActiveRelease() {
        ContentResponse web = t.get("web.localhost", "/hello?x=1");
        assertEquals(200, web.getStatus());
        assertEquals("web-prod /hello?x=1", web.getContentAsString());
        assertEquals("api-prod /", t.get("api.localhost", "/").getContentAsString());
    }

    @Test
    void routesFurtherServicesOfAReleaseAtTheirOwnHost() {
        assertEquals("web-prod /", t.get("stack.localhost", "/").getContentAsString());
        assertEquals("api-prod /a", t.get("admin.stack.localhost", "/a").getContentAsString());
        assertEquals(404, t.get("bad_name.stack.localhost", "/").getStatus());
        assertEquals(404, t.get("worse.stack.localhost", "/").getStatus());
    }

    @Test
    void hostMatchingIgnoresCaseAndPort() {
        assertEquals("web-prod /", t.get("WEB.Localhost:8000", "/").getContentAsString());
    }

    @Test
    void routesEnvironmentHostToThatEnvironmentsRelease() {
        assertEquals("web-staging /", t.get("web-staging.localhost", "/").getContentAsString());
    }

    @Test
    void routesCustomDomainToTheAppsProductionRelease() {
        assertEquals(201, t.server.send("PUT", "/api/v1/apps/api/domains/api.example.com", null).statusCode());
        ContentResponse r = t.get("api.example.com", "/x");
        assertEquals(200, r.getStatus());
        assertEquals("api-prod /x", r.getContentAsString());
    }

    @Test
    void answersUnknownHostWithA404Page() {
        ContentResponse r = t.get("nothing.localhost", "/");
        assertEquals(404, r.getStatus());
        assertTrue(r.getMediaType().startsWith("text/html"), r.getMediaType());
        assertTrue(r.getContentAsString().contains("No app at nothing.localhost"), r.getContentAsString());
    }

    @Test
    void answersAppWithoutActiveReleaseWithA503Page() {
        ContentResponse r = t.get("idle.localhost", "/");
        assertEquals(503, r.getStatus());
        assertTrue(r.getContentAsString().contains("idle"), r.getContentAsString());
        assertTrue(r.getMediaType().startsWith("text/html"));
    }

    @Test
    void answersJsonInTheApiErrorShapeWhenAsked() {
        ContentResponse r = t.get("idle.localhost", "/", "application/json");
        assertEquals(503, r.getStatus());
        assertTrue(r.getMediaType().startsWith("application/json"), r.getMediaType());
        String body = r.getContentAsString();
        assertTrue(body.startsWith("{\"error\":{\"code\":\"no_active_release\",\"message\":"), body);
        assertTrue(body.contains("\"details\":{"), body);
        ContentResponse unknown = t.get("nothing.localhost", "/", "application/json");
        assertEquals(404, unknown.getStatus());
        assertTrue(unknown.getContentAsString().contains("\"code\":\"not_found\""), unknown.getContentAsString());
    }

    @Test
    void answersBackendDownWith502() throws Exception {
        long id = t.app("gone");
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        t.activate(id, "gone", "production", 10, freePort);
        ContentResponse r = t.get("gone.localhost", "/");
        assertEquals(502, r.getStatus());
        assertTrue(r.getContentAsString().contains("did not answer"), r.getContentAsString());
        ContentResponse json = t.get("gone.localhost", "/", "application/json");
        assertEquals(502, json.getStatus());
        assertTrue(json.getContentAsString().contains("\"code\":\"bad_gateway\""), json.getContentAsString());
    }

    @Test
    void addsForwardedHeadersForTheBackend() throws Exception {
        ContentResponse r = t.client().newRequest("http://127.0.0.1:" + t.routerPort() + "/")
                .headers(h -> h.put("Host", "web.localhost:8000").put("X-Forwarded-For", "10.0.0.7")).send();
        assertEquals(200, r.getStatus());
        assertEquals("10.0.0.7, 127.0.0.1", web.lastHeader("X-Forwarded-For"));
        assertEquals("http", web.lastHeader("X-Forwarded-Proto"));
        // Jetty's parser may hand back a cached Host value of another case: host names ignore case.
        assertTrue("web.localhost:8000".equalsIgnoreCase(web.lastHeader("X-Forwarded-Host")));
        assertTrue("web.localhost:8000".equalsIgnoreCase(web.lastHeader("Host")));
    }

    @Test
    void passesEndToEndHeadersButNotHopByHopOnes() throws Exception {
        ContentResponse r = t.client().newRequest("http://127.0.0.1:" + t.routerPort() + "/")
                .headers(h -> h.put("Host", "web.localhost").put("X-App-Header", "kept")
                        .put("Connection", "X-Drop-Me").put("X-Drop-Me", "1").put("Proxy-Authorization", "Basic eA=="))
                .send();
        assertEquals(200, r.getStatus());
        assertEquals("kept", web.lastHeader("X-App-Header"));
        assertEquals(null, web.lastHeader("X-Drop-Me"));
        assertEquals(null, web.lastHeader("Proxy-Authorization"));
    }

    @Test
    void passesWebSocketsThrough() throws Exception {
        try (WebSocketEchoBackend ws = WebSocketEchoBackend.start()) {
            long id = t.app("chat");
            t.activate(id, "chat", "production", 20, ws.port());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), t.routerPort())) {
                s.setSoTimeout(5_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                String key = "dGhlIHNhbXBsZSBub25jZQ==";
                out.write(("GET /socket HTTP/1.1\r\nHost: chat.localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String head = WebSocketFrames.readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                assertTrue(head.toLowerCase().contains("sec-websocket-accept: " + WebSocketEchoBackend.accept(key)
                        .toLowerCase()), head);
                assertTrue(head.contains("X-Seen-Forwarded-For: 127.0.0.1"), head);
                for (String msg : new String[] {"hello", "second message"}) {
                    out.write(WebSocketFrames.frame(1, msg.getBytes(StandardCharsets.UTF_8), true));
                    out.flush();
                    WebSocketFrames.Frame echo = WebSocketFrames.read(in);
                    assertEquals(1, echo.opcode());
                    assertEquals("echo:" + msg, new String(echo.payload(), StandardCharsets.UTF_8));
                }
                out.write(WebSocketFrames.frame(8, new byte[0], true));
                out.flush();
                assertEquals(8, WebSocketFrames.read(in).opcode());
            }
        }
    }
}
