package io.slipway.core.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.deploy.ServiceStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackGraphSvgTest {
    private static ServiceStatus service(String name, int running, String health, String... deps) {
        return new ServiceStatus(name, "img", "running", health, running, 1, List.of(), List.of(deps));
    }

    @Test
    void drawsOneBoxPerServiceAndOneArrowPerDependency() {
        String svg = StackGraphSvg.draw(List.of(service("db", 1, "none"), service("api", 1, "healthy", "db"),
                service("web", 1, "none", "api")));
        assertEquals(3, svg.split("<rect").length - 1);
        assertEquals(2, svg.split("<line").length - 1);
        assertTrue(svg.contains("width=\"" + (16 * 2 + 3 * (150 + 70) - 70) + "\""), "three columns: " + svg);
    }

    @Test
    void coloursServicesByHealth() {
        String svg = StackGraphSvg.draw(List.of(service("up", 1, "healthy"), service("sick", 1, "unhealthy"),
                service("gone", 0, "none")));
        assertTrue(svg.contains("#d7f5dd") && svg.contains("#fff3c4") && svg.contains("#f8d4d4"), svg);
    }

    @Test
    void escapesNamesAndHoldsNoScript() {
        String svg = StackGraphSvg.draw(List.of(service("<script>alert(1)</script>", 1, "none")));
        assertFalse(svg.contains("<script"), svg);
        assertTrue(svg.contains("&lt;script&gt;"), svg);
    }

    @Test
    void survivesADependencyCycleAndAnUnknownDependency() {
        String svg = StackGraphSvg.draw(List.of(service("a", 1, "none", "b"), service("b", 1, "none", "a", "zzz")));
        assertEquals(2, svg.split("<rect").length - 1);
    }
}
