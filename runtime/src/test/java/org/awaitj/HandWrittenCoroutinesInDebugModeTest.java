package org.awaitj;

import org.awaitj.annotations.Async;
import org.awaitj.queue.Queue;
import org.awaitj.sync.Event;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Debug mode describes each coroutine as it is made, from Coroutine's constructor: the runtime's hand-written ones
 * (a queue's get, an event's wait) have not set their own fields by then.
 */
class HandWrittenCoroutinesInDebugModeTest {
    @Async
    Coroutine<String> takesFromAQueueAndWaitsForAnEvent() {
        Queue<String> q = new Queue<>();
        q.putNowait("item");
        Event e = new Event();
        e.set();
        await(e.waitAsync());
        return result(await(q.get()));
    }

    @Test
    void theyCanBeMadeInDebugMode() {
        assertEquals("item", AsyncIO.run(takesFromAQueueAndWaitsForAnEvent(), true));
    }
}
