package com.example;

import java.util.List;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FetcherTest {
    @Test
    void fetchesThreeThingsConcurrently() {
        Fetcher.finished.clear();
        assertEquals(List.of("users fetched", "orders fetched", "stock fetched"), AsyncIO.run(Fetcher.fetchAll()));
        assertEquals(List.of("stock", "orders", "users"), Fetcher.finished);     // one after the other would be the reverse
    }

    /** A coroutine of the tests themselves: the agent rewrites it as it loads. */
    @Async
    static Coroutine<Integer> twice(int x) {
        await(sleep(0));
        return result(2 * x);
    }

    @Test
    void aCoroutineOfTheTestsRuns() {
        assertEquals(42, AsyncIO.run(twice(21)));
    }
}
