package org.awaitj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * callSoon, callLater and callSoonThreadsafe callbacks run in the context current when they were scheduled;
 * toThread and runInExecutor run the callable in the caller's context, and the worker's own comes back after.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallbacksAndThreadsRunInTheCallersContextTest {
    static final ContextVar<String> USER = new ContextVar<>("user", "nobody");

    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutdown() {
        worker.shutdownNow();
    }

    private Runnable logs(String what) {
        return () -> log.add(what + " at " + loop.time() + ": " + USER.get());
    }

    @Async
    Coroutine<Void> schedules() {
        USER.set("ann");
        loop.callSoon(logs("soon"));
        loop.callLater(1, logs("later"));
        USER.set("bob");                    // after scheduling: the callbacks keep what was current then
        loop.callSoon(() -> {
            USER.set("set by a callback");
            log.add("callback set: " + USER.get());
        });
        loop.callSoon(logs("next callback"));
        await(sleep(2));
        log.add("task at " + loop.time() + ": " + USER.get());
        return result();
    }

    @Test
    void aCallbackRunsInTheContextOfWhenItWasScheduledAndWhatItSetsIsDropped() {
        loop.runUntilComplete(schedules());
        assertEquals(List.of("soon at 0.0: ann", "callback set: set by a callback", "next callback at 0.0: bob",
                "later at 1.0: ann", "task at 2.0: bob"), log);
    }

    @Test
    void aCallbackScheduledOutsideAnyContextSeesTheDefaultsAndSetsNothingForTheNextOne() {
        loop.callSoon(() -> {
            log.add("first: " + USER.get());
            USER.set("leak?");
        });
        loop.callSoon(logs("second"));
        loop.runUntilComplete(sleep(0.5));
        assertEquals(List.of("first: nobody", "second at 0.0: nobody"), log);
    }

    @Test
    void callSoonThreadsafeTakesTheContextOfTheCallingThread() throws Exception {
        CompletableFuture<Void> scheduled = new CompletableFuture<>();
        Thread other = new Thread(() -> {
            USER.set("from another thread");
            loop.callSoonThreadsafe(logs("threadsafe"));
            scheduled.complete(null);
        });
        other.start();
        scheduled.get(10, TimeUnit.SECONDS);
        loop.runUntilComplete(sleep(0.1));
        assertEquals(List.of("threadsafe at 0.0: from another thread"), log);
    }

    @Async
    Coroutine<List<String>> handsWorkToThreads() {
        USER.set("ann");
        String viaToThread = await(toThread(() -> Thread.currentThread().getName() + " " + USER.get()));
        String viaExecutor = await(runInExecutor(worker, () -> {
            String seen = USER.get();
            USER.set("changed by the work");
            return seen;
        }));
        return result(List.of(viaToThread.replaceAll("-\\d+ ", " "), viaExecutor, USER.get()));
    }

    @Test
    void toThreadAndRunInExecutorRunTheCallableInTheCallersContextAndRestoreTheWorkersAfter() throws Exception {
        worker.submit(() -> USER.set("the worker's own")).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("awaitj-default-executor ann", "ann", "ann"), loop.runUntilComplete(handsWorkToThreads()));
        assertEquals("the worker's own", worker.submit(() -> USER.get()).get(10, TimeUnit.SECONDS));
    }

    @Async
    Coroutine<Void> addsDoneCallbacks(Future<String> f) {
        USER.set("bob");
        f.addDoneCallback(done -> log.add("done callback: " + USER.get()));
        java.util.function.Consumer<Future<String>> removed = done -> log.add("removed callback ran");
        f.addDoneCallback(removed);
        log.add("removed " + f.removeDoneCallback(removed));
        return result();
    }

    @Async
    Coroutine<Void> completes(Future<String> f) {
        USER.set("ann");
        await(sleep(1));
        f.setResult("x");
        return result();
    }

    @Async
    Coroutine<Void> twoTasksOneFuture() {
        Future<String> f = getRunningLoop().createFuture();
        await(createTask(addsDoneCallbacks(f)));
        await(createTask(completes(f)));
        await(f);
        await(sleep(0));
        return result();
    }

    @Test
    void aDoneCallbackRunsInTheContextOfWhoAddedItNotOfWhoCompletedTheFuture() {
        loop.runUntilComplete(twoTasksOneFuture());
        assertEquals(List.of("removed 1", "done callback: bob"), log);
    }
}
