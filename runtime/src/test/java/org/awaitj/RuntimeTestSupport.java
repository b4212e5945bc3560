package org.awaitj;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;

import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;

/** What the runtime's tests in the concern packages need of the core's package-private state, and share. */
public final class RuntimeTestSupport {
    private RuntimeTestSupport() {
    }

    /** How many channels hold a valid key in the loop's selector: for tests that look for leaked keys. */
    public static int selectorKeyCount(EventLoop loop) {
        return loop.io.keyCount();
    }

    /** How many times the loop has asked its selector (waits and polls). */
    public static long selections(EventLoop loop) {
        return loop.io.selections;
    }

    /** The outcome of a task, for a test's log: "done", "cancelled" or the exception's simple name. */
    @Async
    public static Coroutine<String> outcome(Task<?> t) {
        try {
            await(t);
            return result("done");
        } catch (CancellationException e) {
            return result("cancelled");
        } catch (Exception e) {
            return result(e.getClass().getSimpleName());
        }
    }
}
