package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoOnEveryCoreServesFromEachLoopTest {
    @Test
    void everyClientGetsItsLineBackFromALoopOfTheGroup() throws Exception {
        List<String> lines = PrintedLines.of(EchoOnEveryCore::main);
        assertTrue(lines.get(0).startsWith("Serving on "), lines.toString());
        assertEquals("20 clients got their line back, the first: hello 0", lines.get(1));
        assertTrue(lines.get(2).startsWith("Served by ") && lines.get(2).endsWith(" of the group's 2 loop threads"), lines.toString());
        assertEquals(3, lines.size(), lines.toString());
    }
}
