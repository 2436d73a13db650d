package io.slipway.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteHostsTest {
    private final RouteHosts hosts = new RouteHosts("apps.example.com");

    @Test
    void productionIsTheAppNameAndOtherEnvironmentsAreSuffixed() {
        assertEquals("web.apps.example.com", hosts.hostOf("web", "production"));
        assertEquals("web-staging.apps.example.com", hosts.hostOf("web", "staging"));
    }

    @Test
    void normalizesHostHeaders() {
        assertEquals("web.localhost", RouteHosts.normalize("Web.LocalHost:8000"));
        assertEquals("web.localhost", RouteHosts.normalize("web.localhost."));
        assertEquals("[::1]", RouteHosts.normalize("[::1]:8000"));
        assertEquals("", RouteHosts.normalize(null));
    }

    @Test
    void knowsWhatLiesUnderTheBaseDomain() {
        assertTrue(hosts.isUnderBaseDomain("x.apps.example.com"));
        assertTrue(hosts.isUnderBaseDomain("apps.example.com"));
        assertFalse(hosts.isUnderBaseDomain("myapps.example.com"));
    }

    @Test
    void firstRouteForAHostWins() {
        Route app = new Route("a", "production", Optional.empty());
        Route domain = new Route("b", "production", Optional.empty());
        Routes routes = Routes.builder().add("A.example.com", app).add("a.example.com", domain).build();
        assertEquals(Optional.of(app), routes.find("a.EXAMPLE.com:80"));
        assertEquals(Optional.empty(), routes.find("b.example.com"));
    }
}
