package io.slipway.plugins.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {
    private static final Map<String, String> ENV = Map.of("NAME", "shop", "EMPTY", "");

    @Test
    void replacesBracedAndBareVariables() {
        assertEquals("shop-shop", Interpolation.apply("${NAME}-$NAME", ENV, true));
    }

    @Test
    void unsetVariableIsEmpty() {
        assertEquals("a--b", Interpolation.apply("a-${MISSING}-b", ENV, true));
    }

    @Test
    void colonDashDefaultAppliesWhenUnsetOrEmpty() {
        assertEquals("x", Interpolation.apply("${MISSING:-x}", ENV, true));
        assertEquals("x", Interpolation.apply("${EMPTY:-x}", ENV, true));
        assertEquals("shop", Interpolation.apply("${NAME:-x}", ENV, true));
    }

    @Test
    void dashDefaultAppliesOnlyWhenUnset() {
        assertEquals("x", Interpolation.apply("${MISSING-x}", ENV, true));
        assertEquals("", Interpolation.apply("${EMPTY-x}", ENV, true));
    }

    @Test
    void defaultMayHoldAVariable() {
        assertEquals("db-shop", Interpolation.apply("${MISSING:-db-${NAME}}", ENV, true));
    }

    @Test
    void doubleDollarIsALiteralDollar() {
        assertEquals("echo $HOME ${NAME}", Interpolation.apply("echo $$HOME $${NAME}", ENV, true));
    }

    @Test
    void rejectsUnsetRequiredVariableWithItsMessage() {
        InvalidComposeException e = assertThrows(InvalidComposeException.class,
                () -> Interpolation.apply("${DB_PASSWORD:?set the database password}", ENV, true));
        assertTrue(e.getMessage().contains("DB_PASSWORD is required: set the database password"), e.getMessage());
        assertThrows(InvalidComposeException.class, () -> Interpolation.apply("${EMPTY:?no}", ENV, true));
        assertEquals("", Interpolation.apply("${EMPTY?no}", ENV, true));
    }

    @Test
    void lenientModeReadsUnsetRequiredVariableAsEmpty() {
        assertEquals("", Interpolation.apply("${DB_PASSWORD:?needed}", ENV, false));
    }

    @Test
    void rejectsUnclosedBrace() {
        assertThrows(InvalidComposeException.class, () -> Interpolation.apply("${NAME", ENV, true));
    }
}
