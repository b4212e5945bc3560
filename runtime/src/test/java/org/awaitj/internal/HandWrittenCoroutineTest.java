package org.awaitj.internal;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.awaitj.queue.Queue;
import org.awaitj.sync.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runtime's hand-written coroutines in debug mode, which records each coroutine as it is constructed. */
@Timeout(30)
class HandWrittenCoroutineTest {
    @Async
    static Coroutine<String> getAndLock() {
        Queue<String> q = new Queue<>();
        q.putNowait("item");
        Lock lock = new Lock();
        await(lock.acquire());
        lock.release();
        return result(await(q.get()) + ", " + q.get().toString().startsWith("<coroutine Queue.get"));
    }

    @Test
    void theyCanBeCreatedInDebugModeAndStillNameTheirMethod() {
        assertEquals("item, true", AsyncIO.run(getAndLock(), true));
    }
}
