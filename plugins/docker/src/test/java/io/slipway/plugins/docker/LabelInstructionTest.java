package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelInstructionTest {
    @Test
    void appendsOneLabelInstructionWithSortedQuotedValues() {
        String text = LabelInstruction.append("FROM x\nCMD [\"a\"]", Map.of("b.key", "two", "a.key", "one"));

        assertEquals("FROM x\nCMD [\"a\"]\nLABEL \"a.key\"=\"one\" \"b.key\"=\"two\"\n", text);
    }

    @Test
    void escapesQuotesDollarsAndTheEscapeCharacterAndDropsLineBreaks() {
        String text = LabelInstruction.append("FROM x\n", Map.of("k", "say \"hi\" $USER \\ now\nRUN evil"));

        assertEquals("FROM x\nLABEL \"k\"=\"say \\\"hi\\\" \\$USER \\\\ now RUN evil\"\n", text);
    }

    @Test
    void honoursTheEscapeParserDirective() {
        String text = LabelInstruction.append("# escape=`\nFROM x\n", Map.of("k", "a\"b"));

        assertEquals('`', LabelInstruction.escapeCharacter("# escape=`\nFROM x\n"));
        assertEquals("# escape=`\nFROM x\nLABEL \"k\"=\"a`\"b\"\n", text);
    }

    @Test
    void leavesTheDockerfileAsItIsWithoutLabels() {
        assertEquals("FROM x", LabelInstruction.append("FROM x", Map.of()));
    }
}
