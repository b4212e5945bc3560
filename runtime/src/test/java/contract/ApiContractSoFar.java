package contract;

import org.awaitj.*;
import org.awaitj.Future;
import org.awaitj.Queue;
import org.awaitj.Semaphore;
import org.awaitj.Condition;
import org.awaitj.annotations.Async;
import java.io.IOException;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import static org.awaitj.AsyncIO.*;

/**
 * Compile-only: the part of the shared API contract (API.md, contract/ApiContract.java) whose names exist so
 * far, used exactly as the contract uses them. Compiling the test sources is the check; nothing here runs.
 * Once every name of the contract exists, the contract file itself replaces this one.
 */
@SuppressWarnings("unused")
class ApiContractSoFar {
    @Async static Coroutine<String> fetch(int p) { await(sleep(p)); await(sleep(Duration.ofMillis(1))); return result("r" + await(sleep(0.1, p))); }
    @Async static Coroutine<Void> nothing() { return result(); }

    @Async static Coroutine<Object> everything() throws Exception {
        Task<String> t = createTask(fetch(1));
        Task<String> named = createTask(fetch(2), "second");
        String a = await(t);
        List<String> all = await(gather(fetch(1), fetch(2)));
        List<String> fromList = await(gather(List.of(createTask(fetch(3)))));
        List<Object> settled = await(gather(true, fetch(1), nothing()));
        String viaStage = await(CompletableFuture.completedFuture("x"));
        Future<Integer> th = toThread(() -> 1);
        Future<Integer> ex = runInExecutor(ForkJoinPool.commonPool(), () -> 2);
        String w = await(waitFor(fetch(1), 1.0));
        Future<String> sh = shield(fetch(1));
        for (Future<String> f : asCompleted(List.of(fetch(1), fetch(2)))) await(f);
        Task<?> me = currentTask();
        Set<Task<?>> tasks = allTasks();
        EventLoop loop = getRunningLoop();
        Future<String> fut = loop.createFuture();
        fut.setResult("v"); fut.setException(new IOException()); fut.cancel(); fut.cancel("why");
        boolean d = fut.isDone() || fut.isCancelled(); String r = fut.result(); Throwable e = fut.exception();
        fut.addDoneCallback(f -> { }); fut.removeDoneCallback(f -> { });
        CompletableFuture<String> view = fut.toCompletableFuture();
        t.getName(); t.setName("n"); t.getCoroutine(); StackTraceElement[] st = t.getStack(); t.printStack();
        loop.callSoon(() -> { }); loop.callLater(0.1, () -> { }); loop.callAt(loop.time() + 1, () -> { }); loop.callSoonThreadsafe(() -> { });
        loop.getDebug(); loop.setDebug(true); loop.setSlowCallbackDuration(0.1); loop.isRunning(); loop.isClosed();
        CompletableFuture<String> cross = runCoroutineThreadsafe(fetch(1), loop);
        try (TaskGroup tg = new TaskGroup()) {
            Task<String> c = tg.createTask(fetch(1));
        } catch (TaskGroupException g) {
            List<Throwable> failures = g.exceptions();
        }
        Queue<String> q = new Queue<>(10);
        await(q.put("a")); String got = await(q.get()); q.putNowait("b"); q.getNowait(); q.taskDone(); await(q.join());
        q.shutdown(); q.shutdown(true); q.qsize(); q.empty(); q.full(); q.maxsize();
        org.awaitj.PriorityQueue<Integer> pq = new org.awaitj.PriorityQueue<>(); LifoQueue<String> lq = new LifoQueue<>();
        Lock lock = new Lock(); await(lock.acquire()); lock.release(); lock.isLocked();
        try (var held = await(lock.locked())) { }
        Event ev = new Event(); ev.set(); ev.clear(); ev.isSet(); await(ev.waitAsync());
        Condition cond = new Condition(lock); await(cond.acquire()); await(cond.waitAsync()); await(cond.waitForAsync(() -> true)); cond.signal(); cond.signal(2); cond.signalAll(); cond.release();
        Semaphore sem = new Semaphore(2); await(sem.acquire()); sem.release(); sem.isLocked(); new BoundedSemaphore(1).release();
        Barrier b = new Barrier(2); int idx = await(b.waitAsync()); b.reset(); b.abort(); b.parties(); b.nWaiting(); b.isBroken();
        return result(a);
    }

    static class Resource implements AsyncCloseable {
        @Async public Coroutine<Void> closeAsync() { return result(); }
    }

    static void entryPoints() {
        String r = AsyncIO.run(fetch(1));
        String rd = AsyncIO.run(fetch(1), true);
    }
}
