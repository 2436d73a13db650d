package io.slipway.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void absentParametersMeanFirstPageOfFifty() {
        assertEquals(new PageRequest(50, Optional.empty()), PageRequest.parse(null, null));
        assertEquals(new PageRequest(50, Optional.empty()), PageRequest.parse("", " "));
    }

    @Test
    void cursorOfAPageLeadsToTheRowsAfterItsLastItem() {
        Page<String> page = Page.of(List.of("a", "b", "c"), PageRequest.first(2), Function.identity());
        assertEquals(List.of("a", "b"), page.items());
        PageRequest next = PageRequest.parse("2", page.nextCursor().orElseThrow());
        assertEquals(Optional.of("b"), next.after());
    }

    @Test
    void lastPageHasNoCursor() {
        Page<String> page = Page.of(List.of("a", "b"), PageRequest.first(2), Function.identity());
        assertTrue(page.nextCursor().isEmpty());
    }

    @Test
    void rejectsLimitOutOfRange() {
        for (String limit : List.of("0", "-1", "201", "1.5", "many")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> PageRequest.parse(limit, null));
            assertEquals("limit", e.errors().get(0).field());
        }
        assertEquals(200, PageRequest.parse("200", null).limit());
    }

    @Test
    void rejectsCursorThisServerDidNotIssue() {
        for (String cursor : List.of("abc", "!!", "azE6")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> PageRequest.parse(null, cursor));
            assertEquals("cursor", e.errors().get(0).field());
        }
    }
}
