package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.StepFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
    @Test
    void readsPatternsAsTheDockerCliDoes() {
        DockerIgnore ignore = DockerIgnore.parse("\uFEFF# comment\n  \n/dist/\n./a/../b\n!  keep.md \n  # not a comment\n");

        assertEquals(List.of("dist", "b", "!keep.md", "# not a comment"), ignore.patterns());
        assertFalse(ignore.bringsBackInside("a"));
    }

    @Test
    void theLastMatchingLineDecidesAndFoldersTakeTheirFilesAlong() {
        DockerIgnore ignore = DockerIgnore.parse("*.md\n!README.md\nnode_modules\n**/*.tmp\n");

        assertTrue(ignore.excludes("CHANGES.md"));
        assertFalse(ignore.excludes("README.md"));
        assertFalse(ignore.excludes("docs/guide.md"), "*.md matches the top folder only");
        assertTrue(ignore.excludes("node_modules/left-pad/index.js"));
        assertTrue(ignore.excludes("a/b/c.tmp"));
        assertFalse(ignore.excludes("src/main.js"));
    }

    @Test
    void looksIntoAnExcludedFolderOnlyForAnExceptionNamingSomethingInside() {
        DockerIgnore ignore = DockerIgnore.parse("node_modules\n!node_modules/keep/index.js\nbuild\n!**/build.txt\n");

        assertTrue(ignore.bringsBackInside("node_modules"));
        assertTrue(ignore.bringsBackInside("node_modules/keep"));
        assertFalse(ignore.bringsBackInside("node_modules/other"));
        assertFalse(ignore.bringsBackInside("build"), "as the CLI: a wildcard exception does not open a folder");
    }

    @Test
    void nameTheInvalidPattern() {
        DockerIgnore ignore = DockerIgnore.parse("[\n");

        StepFailedException e = assertThrows(StepFailedException.class, () -> ignore.excludes("x"));

        assertTrue(e.getMessage().contains("invalid pattern '['"), e.getMessage());
    }
}
