package org.awaitj.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a marker comment stands in the source of a test shape: the line a stack trace or a message names. */
public final class SourceLines {
    private SourceLines() {
    }

    /** The 1-based line of {@code shape}'s source file (under src/test/java) that holds {@code marker}. */
    public static int of(Class<?> shape, String marker) {
        Class<?> top = shape;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        Path file = Path.of("src/test/java", top.getName().replace('.', '/') + ".java");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker + " in " + file);
    }
}
