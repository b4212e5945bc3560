package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Async generators under the agent, as applications write them (the contract's ticks and consume). */
class AsyncGeneratorTest {
    private final List<String> log = new ArrayList<>();

    @Async
    AsyncGenerator<Integer> ticks(int n) {
        try {
            for (int i = 0; i < n; i++) {
                await(sleep(0.01));
                emit(i);
            }
        } finally {
            await(sleep(0));           // cleanup may await: it runs when the consumer closes the iterator
            log.add("cleanup");
        }
        return finish();
    }

    @Async
    Coroutine<Integer> consume(int n, int stopAt) {
        int sum = 0;
        try (AsyncIterator<Integer> it = ticks(n).iterator()) {
            while (await(it.hasNext())) {
                int v = it.next();
                if (v == stopAt) {
                    break;
                }
                sum += v;
            }
        }
        log.add("sum " + sum);
        return result(sum);
    }

    @Test
    void theContractsTicksAndConsume() {
        assertEquals(10, AsyncIO.run(consume(5, -1)));
        assertEquals(List.of("cleanup", "sum 10"), log);
    }

    @Test
    void breakingOutClosesTheGeneratorWhoseFinallyAwaits() {
        assertEquals(1, AsyncIO.run(consume(5, 2)));
        assertEquals(List.of("cleanup", "sum 1"), log);
    }

    @Async
    Coroutine<Integer> takeOneAndLeave() {
        AsyncIterator<Integer> it = ticks(5).iterator();
        await(it.hasNext());
        return result(it.next());
    }

    @Test
    void runClosesAGeneratorLeftSuspendedAndDebugModeReportsIt() {
        List<String> reports = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                reports.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("org.awaitj");
        logger.addHandler(capture);
        try {
            assertEquals(0, AsyncIO.run(takeOneAndLeave(), true));
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(List.of("cleanup"), log);
        assertTrue(reports.stream().anyMatch(r -> r.startsWith("async generator 'AsyncGeneratorTest.ticks' was never "
                + "closed: the loop closes it at shutdown")), reports.toString());
    }

    @Async
    AsyncGenerator<String> pairs(AsyncGenerator<Integer> source) {
        try (AsyncIterator<Integer> it = source.iterator()) {
            while (await(it.hasNext())) {
                int a = it.next();
                if (!await(it.hasNext())) {
                    emit(a + "");
                    break;
                }
                emit(a + "+" + it.next());
            }
        }
        return finish();
    }

    @Async
    Coroutine<List<String>> collect(AsyncIterable<String> items) {
        List<String> out = new ArrayList<>();
        try (AsyncIterator<String> it = items.iterator()) {
            while (await(it.hasNext())) {
                out.add(it.next());
            }
        }
        return result(out);
    }

    @Test
    void generatorsOfGenerators() {
        assertEquals(List.of("0+1", "2+3", "4"), AsyncIO.run(collect(pairs(ticks(5)))));
    }

    /** Called reflectively: a call of emit in this class's code would be reported by the agent as it loads. */
    private static void call(String method, Object... args) throws Throwable {
        Class<?>[] types = args.length == 0 ? new Class<?>[0] : new Class<?>[] {Object.class};
        try {
            AsyncIO.class.getMethod(method, types).invoke(null, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void outsideARewrittenMethodEmitAndFinishSayWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> call("emit", 1));
        assertTrue(e.getMessage().startsWith("emit(...) called outside a rewritten async generator method: mark the "
                + "enclosing method @Async, with return type AsyncGenerator<T>"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> call("finish"));
        assertTrue(e.getMessage().startsWith("finish(...) called outside a rewritten async generator method"), e.getMessage());
    }

    @Async
    Coroutine<List<String>> originalsInCompletionOrder(double timeout) {
        List<String> out = new ArrayList<>();
        double t0 = getRunningLoop().time();
        Task<String> slow = createTask(after(3, "three"));
        Future<String> fut = getRunningLoop().createFuture();
        getRunningLoop().callLater(2, () -> fut.setResult("two"));
        try (AsyncIterator<Future<String>> it = asCompleted(List.of(slow, after(1, "one"), fut), timeout)
                .originals().iterator()) {
            while (await(it.hasNext())) {
                Future<String> done = it.next();
                out.add(done.result() + (done == slow ? " (the task)" : done == fut ? " (the future)" : "")
                        + " at " + (getRunningLoop().time() - t0));
            }
        } catch (Exception e) {     // hasNext() declares nothing: its TimeoutException is unchecked here
            out.add(e.getClass().getSimpleName() + " at " + (getRunningLoop().time() - t0));
        }
        slow.cancel();
        return result(out);
    }

    @Async
    Coroutine<String> after(double seconds, String value) {
        await(sleep(seconds));
        return result(value);
    }

    @Test
    void asCompletedIteratesTheOriginalTasksAsynchronously() {
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            assertEquals(List.of("one at 1.0", "two (the future) at 2.0", "three (the task) at 3.0"),
                    loop.runUntilComplete(originalsInCompletionOrder(10)));
            assertEquals(List.of("one at 1.0", "two (the future) at 2.0", "TimeoutException at 2.5"),
                    loop.runUntilComplete(originalsInCompletionOrder(2.5)));
        } finally {
            loop.close();
        }
    }
}
