package org.awaitj.samples.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitj.AsyncIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the sample against a real PostgreSQL server: the one {@code bash .ci/postgres.sh start} starts. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresQueriesTest {

    private static final Pattern TOGETHER = Pattern.compile("Together they took (\\d+\\.\\d{2}) s, not 0\\.9 s: they overlapped");
    private static final Pattern FINISHED = Pattern.compile("Finished in \\d+\\.\\d{2} seconds");

    /**
     * In CI a missing server is a failure, so that the tests never pass by skipping; a developer without
     * PostgreSQL gets a skip of each test, that says how to start one (before each test rather than once: a class
     * skipped in its set-up is reported as no test run at all).
     */
    @BeforeEach
    void serverIsUp() {
        String url = PostgresQueries.url();
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url);
        String host = (String) options.getRequiredValue(ConnectionFactoryOptions.HOST);
        Object port = options.getValue(ConnectionFactoryOptions.PORT);
        int portNumber = port == null ? 5432 : Integer.parseInt(port.toString());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, portNumber), 2000);
        } catch (IOException e) {
            String message = "No PostgreSQL server at " + host + ":" + portNumber + " (" + e + "; URL from AWAITJ_PG_URL, "
                    + "default " + PostgresQueries.DEFAULT_URL + "). Start one with: bash .ci/postgres.sh start";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true: the PostgreSQL tests must run, not skip. " + message);
            }
            System.err.println("Skipped: " + message);   // surefire's summary shows only the count
            assumeTrue(false, message);
        }
    }

    @Test
    void theSamplePrintsEachPart() {
        List<String> lines = run();
        assertEquals(10, lines.size(), "lines printed: " + lines);
        assertEquals(List.of(
                "1. A large result, streamed with back-pressure and left early:",
                "Read 1000 of 100000 rows, sum 500500",
                "The driver decoded no more than 1016 (what was read, plus a window of 16)",
                "The same connection answers the next query: count = 10",
                "2. Concurrent queries in a TaskGroup:",
                "3 queries of pg_sleep(0.3) in a TaskGroup answered [1, 2, 3]"), lines.subList(0, 6));
        Matcher together = TOGETHER.matcher(lines.get(6));
        assertTrue(together.matches(), lines.get(6));
        assertEquals(List.of(
                "3. A prepared statement with a bind parameter:",
                "$1 = 3: 1^2=1 2^2=4 3^2=9",
                "$1 = 5: 1^2=1 2^2=4 3^2=9 4^2=16 5^2=25"), lines.subList(7, 10));
    }

    @Test
    void theThreeSleepingQueriesOverlap() {
        double elapsed = AsyncIO.run(PostgresQueries.concurrentQueries(ConnectionFactories.get(PostgresQueries.url())));
        // one after the other they would take 0.9 s at least: less proves that they overlapped
        assertTrue(elapsed < PostgresQueries.SLEEPERS * PostgresQueries.SLEEP,
                "3 queries of pg_sleep(0.3) took " + elapsed + " s together");
        assertTrue(elapsed >= PostgresQueries.SLEEP, "the server slept: " + elapsed + " s");
    }

    /** Runs the sample's main with System.out captured; returns the lines before its "Finished in" line. */
    private static List<String> run() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            PostgresQueries.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        original.print(text);  // keep the sample's output in the test log
        List<String> lines = text.lines().toList();
        assertTrue(!lines.isEmpty() && FINISHED.matcher(lines.get(lines.size() - 1)).matches(), "last line: " + lines);
        return lines.subList(0, lines.size() - 1);
    }
}
