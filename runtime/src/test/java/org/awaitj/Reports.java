package org.awaitj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the runtime logged to "org.awaitj" while a test ran, and the lines of a test's own source: tests of
 * reports look for them right away, never after a System.gc().
 */
final class Reports implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("org.awaitj");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            messages.add(r.getMessage() + (r.getThrown() != null ? " | " + r.getThrown() : ""));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    Reports() {
        logger.addHandler(handler);
    }

    /** The messages logged so far that contain {@code text}. */
    List<String> containing(String text) {
        return messages.stream().filter(m -> m.contains(text)).toList();
    }

    List<String> all() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }

    /**
     * The 1-based line of {@code test}'s source file that ends in the comment {@code // marker} (tests run in
     * the module's directory).
     */
    static int lineOf(Class<?> test, String marker) {
        String comment = "// " + marker;
        Path source = Path.of("src/test/java", test.getName().replace('.', '/') + ".java");
        try {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith(comment)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no line ending in " + comment + " in " + source);
    }
}
