package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.war.testing.ContainerDeployment;
import io.slipway.war.testing.SlipwayProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built slipway.war deployed into a stock Jetty 12, as an operator would deploy it into an
 * outside Servlet 6 container. Nothing of Slipway is on this test's class path: it all comes from
 * the war.
 */
class ExternalContainerTest {
    private static ContainerDeployment jetty;

    @BeforeAll
    static void deploy() throws Exception {
        long start = System.nanoTime();
        jetty = ContainerDeployment.deploy(SlipwayProcess.builtWar(), SlipwayProcess.newHome("external"));
        long deployed = System.nanoTime();
        jetty.awaitHealthy(Duration.ofSeconds(60));
        System.out.printf("slipway.war deployed into Jetty in %d ms, healthy after %d ms%n",
                (deployed - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
    }

    @Test
    void reportsHealthOnceTheCoreIsReady() throws Exception {
        HttpResponse<String> health = jetty.get("/api/v1/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"UP\""), health.body());
    }

    @Test
    void answersAnUnknownApiRouteWithAJson404() throws Exception {
        HttpResponse<String> missing = jetty.get("/api/v1/no-such-route");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(missing.body().startsWith("{\"error\":{\"code\":"), missing.body());
    }

    @Test
    void servesTheDashboardAsHtml() throws Exception {
        HttpResponse<String> page = jetty.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<html"), page.body());
    }

    @Test
    void loadsSlipwayFromTheWarAndTheServletApiFromTheContainer() throws Exception {
        ClassLoader loader = jetty.webappClassLoader();
        assertSame(loader, loader.loadClass("io.slipway.core.server.SlipwayContextListener").getClassLoader());
        assertSame(loader, loader.loadClass("org.glassfish.jersey.servlet.ServletContainer").getClassLoader());
        assertSame(jakarta.servlet.Servlet.class, loader.loadClass("jakarta.servlet.Servlet"));
        // The embedded server's Jetty (WEB-INF/lib-embedded) stays invisible; the container's own is hidden.
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.eclipse.jetty.server.Server"));
    }
}
