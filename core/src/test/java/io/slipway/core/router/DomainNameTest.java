package io.slipway.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DomainNameTest {
    @Test
    void acceptsOrdinaryHostNames() {
        for (String ok : new String[] {"example.com", "www.example.com", "a-b.c0.example.co.uk", "x1.io"}) {
            assertTrue(DomainName.check("domain", ok).isEmpty(), ok);
        }
    }

    @Test
    void acceptsExactly253Characters() {
        String label = "a".repeat(63);
        String domain = String.join(".", label, label, label, "b".repeat(61));
        assertEquals(253, domain.length());
        assertTrue(DomainName.check("domain", domain).isEmpty());
    }

    @Test
    void rejectsEmptyAndMissing() {
        assertEquals("is required", DomainName.check("domain", "").orElseThrow().message());
        assertEquals("is required", DomainName.check("domain", null).orElseThrow().message());
    }

    @Test
    void rejectsTrailingDotAndSpaces() {
        assertTrue(DomainName.check("domain", "example.com.").isPresent());
        assertTrue(DomainName.check("domain", "exa mple.com").isPresent());
    }
}
