package io.slipway.core.pipeline.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalCodesTest {
    @Test
    void takesOutColoursAsEnginesWriteThem() {
        assertEquals("cat: can't open 'x': No such file", TerminalCodes.strip("\u001B[91mcat: can't open 'x': No such file"));
        assertEquals("no secret here", TerminalCodes.strip("\u001B[0mno secret here"));
        assertEquals("bold green", TerminalCodes.strip("\u001B[1;32mbold\u001B[0m green"));
    }

    @Test
    void takesOutTitlesCursorMovesAndStrayControlCharacters() {
        assertEquals("after", TerminalCodes.strip("\u001B]0;owned title\u0007after"));
        assertEquals("line", TerminalCodes.strip("\u001B[2K\u001B[1Aline"));
        assertEquals("ab", TerminalCodes.strip("a\u0000\u0008\u007Fb"));
        assertEquals("x", TerminalCodes.strip("\u001Bcx"));
        assertEquals("keeps\ttabs", TerminalCodes.strip("keeps\ttabs"));
    }

    @Test
    void leavesAPlainLineAsItIs() {
        String line = "Step 2/4 : COPY index.html /www/";
        assertSame(line, TerminalCodes.strip(line));
    }

    @Test
    void aColourInsideASecretDoesNotHideItFromTheMask() {
        SecretMasker masker = new SecretMasker(List.of("hunter2"));
        assertEquals("token ****", masker.mask(TerminalCodes.strip("token hun\u001B[1mter2")));
    }
}
