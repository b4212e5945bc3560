package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The guide's pitfall 1 in Python prints "RuntimeWarning: coroutine ... was never awaited"; so does the sample. */
class ANeverAwaitedCoroutineIsReportedTest {

    @Test
    void forgettingToAwaitIsReportedWithTheLineWithoutDebugMode() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("org.awaitj");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            SampleOutput.of(ForgettingToAwait::main);
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(List.of("coroutine 'ForgettingToAwait.fetchData' was never awaited (created at ForgettingToAwait.java:"
                + lineOf("fetchData(3);") + "): await it, or schedule it with createTask"),
                warnings.stream().filter(w -> w.contains("never awaited")).toList());
    }

    private static int lineOf(String code) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/java/org/awaitj/samples/ForgettingToAwait.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(code)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + code);
    }
}
