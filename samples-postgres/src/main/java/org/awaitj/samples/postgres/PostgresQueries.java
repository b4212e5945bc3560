package org.awaitj.samples.postgres;

import static org.awaitj.AsyncIO.*;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.awaitj.AsyncGenerator;
import org.awaitj.AsyncIO;
import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.TaskGroup;
import org.awaitj.annotations.Async;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/**
 * The guide's "async drivers for PostgreSQL", with a real server: awaitj coroutines over r2dbc-postgresql,
 * whose every call returns a Reactive Streams {@link Publisher}. Two small bridges, {@link #first} and
 * {@link #rows}, turn them into awaitables through {@code fromPublisher}; the rest is plain awaitj:
 * <ol>
 * <li>a result of 100,000 rows streamed with back-pressure, left after the first 1,000: the driver decodes
 * only what was requested, and closing the iterator cancels the rest;</li>
 * <li>three queries that each sleep 0.3 s on the server, run at once in a {@link TaskGroup}: about 0.3 s
 * together;</li>
 * <li>a prepared statement with a bind parameter, executed twice.</li>
 * </ol>
 * The server is the one of {@code bash .ci/postgres.sh start}; the URL is {@code AWAITJ_PG_URL}, or that
 * server's default. About 2 seconds, most of them the driver's start-up.
 */
public class PostgresQueries {
    static final String DEFAULT_URL = "r2dbc:postgresql://awaitj:awaitj@127.0.0.1:5432/awaitj";
    static final int SERIES = 100_000;
    static final int TAKEN = 1_000;
    static final double SLEEP = 0.3;
    static final int SLEEPERS = 3;

    static String url() {
        String url = System.getenv("AWAITJ_PG_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /**
     * The first element of a publisher, or null when it completes empty (the driver's {@code Mono<Void>}s):
     * the one bridge for every call that answers once. One at a time, since no more is wanted.
     */
    @Async
    static <T> Coroutine<T> first(Publisher<T> publisher) {
        T value = null;
        try (AsyncIterator<T> it = fromPublisher(FlowAdapters.toFlowPublisher(publisher), 1).iterator()) {
            if (await(it.hasNext())) {
                value = it.next();
            }
        }
        return result(value);
    }

    /**
     * The rows of a statement, each mapped as it is decoded: Python's {@code async for row in cursor}. The
     * results are taken one by one and their rows requested in windows of 16; leaving early closes both
     * iterations, which cancels the query's subscription.
     */
    @Async
    static <T> AsyncGenerator<T> rows(Statement statement, BiFunction<Row, RowMetadata, T> mapper) {
        try (AsyncIterator<? extends Result> results = fromPublisher(FlowAdapters.toFlowPublisher(statement.execute()), 1).iterator()) {
            while (await(results.hasNext())) {
                Publisher<T> mapped = results.next().map(mapper);
                try (AsyncIterator<T> it = fromPublisher(FlowAdapters.toFlowPublisher(mapped)).iterator()) {
                    while (await(it.hasNext())) {
                        emit(it.next());
                    }
                }
            }
        }
        return finish();
    }

    /** The numbers read and the number the driver decoded, of a large result left early. */
    record Streamed(long sum, int taken, int decoded) {
    }

    /** 1. The first {@link #TAKEN} rows of {@link #SERIES}, then a query on the same connection. */
    @Async
    static Coroutine<Streamed> streamLargeResult(Connection connection) {
        AtomicInteger decoded = new AtomicInteger();   // the driver's thread maps, the loop reads
        long sum = 0;
        int taken = 0;
        Statement series = connection.createStatement("SELECT n FROM generate_series(1, " + SERIES + ") AS n");
        try (AsyncIterator<Integer> it = rows(series, (row, meta) -> {
            decoded.incrementAndGet();
            return row.get("n", Integer.class);
        }).iterator()) {
            while (await(it.hasNext())) {
                sum += it.next();
                if (++taken == TAKEN) {
                    break;      // the end of the block closes the iterator: the subscription is cancelled
                }
            }
        }
        System.out.println("Read " + taken + " of " + SERIES + " rows, sum " + sum);
        System.out.println("The driver decoded " + (decoded.get() <= TAKEN + 16 ? "no more than " + (TAKEN + 16)
                + " (what was read, plus a window of 16)" : decoded.get()));
        // the query left early does not block the connection: the next one is answered
        try (AsyncIterator<Long> it = rows(connection.createStatement("SELECT count(*) FROM generate_series(1, 10)"),
                (row, meta) -> row.get(0, Long.class)).iterator()) {
            await(it.hasNext());
            System.out.println("The same connection answers the next query: count = " + it.next());
        }
        return result(new Streamed(sum, taken, decoded.get()));
    }

    /** One query that sleeps on the server. */
    @Async
    static Coroutine<Integer> sleeper(Connection connection, int n) {
        Statement statement = connection.createStatement("SELECT pg_sleep(" + SLEEP + "), " + n + " AS n");
        try (AsyncIterator<Integer> it = rows(statement, (row, meta) -> row.get("n", Integer.class)).iterator()) {
            await(it.hasNext());
            return result(it.next());
        }
    }

    /**
     * 2. {@link #SLEEPERS} sleeping queries at once, each on a connection of its own (a connection runs one
     * query at a time); returns the seconds the queries took together, by the loop's clock. The connections are
     * opened before the clock starts, so that only the queries are timed.
     */
    @Async
    static Coroutine<Double> concurrentQueries(ConnectionFactory factory) {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int n = 1; n <= SLEEPERS; n++) {
                connections.add(await(first(factory.create())));
            }
            double start = getRunningLoop().time();
            List<Task<Integer>> tasks = new ArrayList<>();
            try (TaskGroup tg = new TaskGroup()) {
                for (int n = 1; n <= SLEEPERS; n++) {
                    tasks.add(tg.createTask(sleeper(connections.get(n - 1), n)));
                }
            }
            double elapsed = getRunningLoop().time() - start;
            List<Integer> answers = new ArrayList<>();
            for (Task<Integer> task : tasks) {
                answers.add(task.result());
            }
            System.out.println(SLEEPERS + " queries of pg_sleep(" + SLEEP + ") in a TaskGroup answered " + answers);
            System.out.printf(Locale.ROOT, "Together they took %.2f s, not %.1f s: they overlapped%n", elapsed, SLEEPERS * SLEEP);
            return result(elapsed);
        } finally {
            for (Connection connection : connections) {
                await(first(connection.close()));
            }
        }
    }

    /** 3. A statement with a bind parameter, executed with two values (the driver prepares it once). */
    @Async
    static Coroutine<List<String>> preparedStatement(Connection connection) {
        String sql = "SELECT n, n * n AS square FROM generate_series(1, $1) AS n";
        List<String> lines = new ArrayList<>();
        for (int limit : new int[] {3, 5}) {
            List<String> squares = new ArrayList<>();
            Statement statement = connection.createStatement(sql).bind("$1", limit);
            try (AsyncIterator<String> it = rows(statement,
                    (row, meta) -> row.get("n", Integer.class) + "^2=" + row.get("square", Integer.class)).iterator()) {
                while (await(it.hasNext())) {
                    squares.add(it.next());
                }
            }
            String line = "$1 = " + limit + ": " + String.join(" ", squares);
            System.out.println(line);
            lines.add(line);
        }
        return result(lines);
    }

    @Async
    static Coroutine<Void> main(String url) {
        ConnectionFactory factory = ConnectionFactories.get(url);
        Connection connection = await(first(factory.create()));
        try {
            System.out.println("1. A large result, streamed with back-pressure and left early:");
            await(streamLargeResult(connection));
            System.out.println("2. Concurrent queries in a TaskGroup:");
            await(concurrentQueries(factory));
            System.out.println("3. A prepared statement with a bind parameter:");
            await(preparedStatement(connection));
        } finally {
            await(first(connection.close()));
        }
        return result();
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        AsyncIO.run(main(args.length > 0 ? args[0] : url()));
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
