package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** Runs a sample's {@code main} in this JVM with {@code System.out} captured, and checks what it printed. */
final class SampleOutput {

    private static final Pattern FINISHED = Pattern.compile("Finished in \\d+\\.\\d{2} seconds");

    private final List<String> lines;

    private SampleOutput(List<String> lines) {
        this.lines = lines;
    }

    /** Runs {@code main} and returns what it printed, line by line. */
    static SampleOutput of(RunAll.Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        original.print(text);  // keep the sample's output in the test log
        return new SampleOutput(text.lines().toList());
    }

    /** Every line printed, for a sample that prints no "Finished in" line. */
    List<String> lines() {
        return lines;
    }

    /**
     * Asserts that the last line is a well-formed "Finished in N.NN seconds" (the time itself is not checked:
     * timing belongs in the benchmarks) and returns every line before it.
     */
    List<String> beforeFinishedLine() {
        assertFalse(lines.isEmpty(), "the sample printed nothing");
        String last = lines.get(lines.size() - 1);
        assertTrue(FINISHED.matcher(last).matches(), "last line should read \"Finished in N.NN seconds\": " + lines);
        return lines.subList(0, lines.size() - 1);
    }

    /** Asserts that each of {@code expected} was printed exactly once, in this order (other lines may come between). */
    void assertInOrder(String... expected) {
        int previous = -1;
        for (String line : expected) {
            int index = lines.indexOf(line);
            if (index < 0) {
                fail("\"" + line + "\" was not printed: " + lines);
            }
            assertEquals(index, lines.lastIndexOf(line), "\"" + line + "\" was printed more than once: " + lines);
            assertTrue(index > previous, "\"" + line + "\" came too early: " + lines);
            previous = index;
        }
    }
}
