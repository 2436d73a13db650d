package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledContextTest {
    @Test
    void appendsOneLabelInstructionWithSortedQuotedValues() {
        String text = LabelledContext.withLabels("FROM x\nCMD [\"a\"]", Map.of("b.key", "two", "a.key", "one"));

        assertEquals("FROM x\nCMD [\"a\"]\nLABEL \"a.key\"=\"one\" \"b.key\"=\"two\"\n", text);
    }

    @Test
    void escapesQuotesDollarsAndTheEscapeCharacterAndDropsLineBreaks() {
        String text = LabelledContext.withLabels("FROM x\n", Map.of("k", "say \"hi\" $USER \\ now\nRUN evil"));

        assertEquals("FROM x\nLABEL \"k\"=\"say \\\"hi\\\" \\$USER \\\\ now RUN evil\"\n", text);
    }

    @Test
    void honoursTheEscapeParserDirective() {
        String text = LabelledContext.withLabels("# escape=`\nFROM x\n", Map.of("k", "a\"b"));

        assertEquals('`', LabelledContext.escapeCharacter("# escape=`\nFROM x\n"));
        assertEquals("# escape=`\nFROM x\nLABEL \"k\"=\"a`\"b\"\n", text);
    }

    @Test
    void leavesTheDockerfileAsItIsWithoutLabels() {
        assertEquals("FROM x", LabelledContext.withLabels("FROM x", Map.of()));
    }
}
