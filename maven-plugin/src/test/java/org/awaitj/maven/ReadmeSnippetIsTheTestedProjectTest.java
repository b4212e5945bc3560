package org.awaitj.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The README's Maven snippets are the consumer projects that the invoker tests build: every line of each
 * snippet stands, in the same order, in the project's pom.xml, so the snippet cannot rot.
 */
class ReadmeSnippetIsTheTestedProjectTest {
    private static final Path README = Path.of("../README.md");

    @Test
    void thePluginSnippetIsInThePluginProject() throws IOException {
        assertInOrder(snippetAfter("### With Maven: rewrite at build time", 0), Path.of("src/it/plugin-with-tests/pom.xml"));
    }

    @Test
    void theAgentSnippetsAreInTheAgentProject() throws IOException {
        Path pom = Path.of("src/it/agent-only/pom.xml");
        assertInOrder(snippetAfter("### With Maven: the agent at run time", 0), pom);
        assertInOrder(snippetAfter("### With Maven: the agent at run time", 1), pom);
    }

    /** The n-th xml block after the heading, its version written out as the invoker projects leave it to fill in. */
    private static List<String> snippetAfter(String heading, int n) throws IOException {
        String readme = Files.readString(README);
        int at = readme.indexOf(heading);
        assertTrue(at >= 0, "README.md has no heading '" + heading + "'");
        for (int i = 0; i <= n; i++) {
            at = readme.indexOf("```xml\n", at) + "```xml\n".length();
        }
        String block = readme.substring(at, readme.indexOf("```", at));
        return block.replace("0.1.0-SNAPSHOT", "@project.version@").lines().filter(l -> !l.isBlank()).toList();
    }

    private static void assertInOrder(List<String> snippet, Path pom) throws IOException {
        assertFalse(snippet.isEmpty());
        List<String> lines = Files.readAllLines(pom);
        int from = 0;
        for (String line : snippet) {
            int found = -1;
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).equals(line)) {
                    found = i;
                    break;
                }
            }
            assertTrue(found >= 0, "README line not in " + pom + " (after line " + from + "): " + line);
            from = found + 1;
        }
    }
}
