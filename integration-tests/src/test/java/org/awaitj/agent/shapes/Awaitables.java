package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** Tasks, futures and completion stages as awaitables, with their exceptions and cancellation. */
public class Awaitables {
    @Async
    static Coroutine<String> tasks() throws TimeoutException {     // failLater(...) declares it
        Task<Integer> ok = createTask(later(5));
        Task<Integer> bad = createTask(failLater(new TimeoutException("late")));
        String r = "ok=" + await(ok);
        try {
            await(bad);
            r += " not reached";
        } catch (Exception e) {      // a task's await declares nothing; the checked exception comes through as is
            r += " bad=" + e.getClass().getSimpleName() + ":" + e.getMessage() + " t=" + getRunningLoop().time();
        }
        return result(r + " gathered=" + await(gather(later(1), now(2), createTask(later(3)))));
    }

    @Async
    static Coroutine<String> completionStages() {
        EventLoop loop = getRunningLoop();
        CompletableFuture<String> done = CompletableFuture.completedFuture("done");
        CompletableFuture<String> pending = new CompletableFuture<>();
        loop.callLater(2, () -> pending.complete("pending"));
        CompletableFuture<String> failed = new CompletableFuture<>();
        loop.callLater(3, () -> failed.completeExceptionally(new IllegalStateException("failed")));
        String r = await(done) + " " + await(pending) + " t=" + loop.time();
        try {
            await(failed);
        } catch (IllegalStateException e) {
            r += " " + e.getMessage() + " t=" + loop.time();
        }
        return result(r);
    }

    @Async
    static Coroutine<Void> cancellable(List<String> log) {
        try {
            log.add("start");
            await(sleep(10));
            log.add("not reached");
        } catch (CancellationException e) {
            log.add("cancelled at " + getRunningLoop().time());
            throw e;
        } finally {
            await(sleep(1));
            log.add("finally awaited until " + getRunningLoop().time());
        }
        return result();
    }

    /** The task's finally awaits after the cancellation; the task still ends cancelled. */
    @Async
    static Coroutine<List<String>> cancelATask() {
        List<String> log = new ArrayList<>();
        Task<Void> t = createTask(cancellable(log));
        await(sleep(2));
        t.cancel();
        try {
            await(t);
        } catch (CancellationException e) {
            log.add("awaiter saw cancellation, cancelled=" + t.isCancelled() + " at " + getRunningLoop().time());
        }
        return result(log);
    }
}
