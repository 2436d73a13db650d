package io.slipway.core.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.slipway.core.ConflictException;
import io.slipway.core.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class PageErrorMapperTest {
    private final PageErrorMapper mapper = new PageErrorMapper();

    private static View view(Response r) {
        return (View) r.getEntity();
    }

    @Test
    void unexpectedFailureIsA500PageWithIncidentAndNoDetails() {
        Response r = mapper.toResponse(new IllegalStateException("db password is hunter2"));
        assertEquals(500, r.getStatus());
        assertEquals("error", view(r).template());
        assertNotNull(view(r).model().get("incident"));
        assertFalse(view(r).model().toString().contains("hunter2"));
    }

    @Test
    void missingThingIsTheNotFoundPageNamingIt() {
        Response r = mapper.toResponse(new NotFoundException("App", "ghost"));
        assertEquals(404, r.getStatus());
        assertEquals("not-found", view(r).template());
        assertEquals("App 'ghost' does not exist.", view(r).model().get("message"));
    }

    @Test
    void unknownRouteIsTheNotFoundPage() {
        Response r = mapper.toResponse(new jakarta.ws.rs.NotFoundException());
        assertEquals(404, r.getStatus());
        assertEquals("not-found", view(r).template());
    }

    @Test
    void coreErrorKeepsItsStatusAndMessage() {
        Response r = mapper.toResponse(new ConflictException("Plugin 'x' is bundled; disable it instead."));
        assertEquals(409, r.getStatus());
        assertEquals("Plugin 'x' is bundled; disable it instead.", view(r).model().get("message"));
    }

    @Test
    void wrongMethodIsAnErrorPageNotA500() {
        Response r = mapper.toResponse(new jakarta.ws.rs.NotAllowedException("POST"));
        assertEquals(405, r.getStatus());
        assertEquals("error", view(r).template());
    }
}
