package org.awaitj.agent.shapes;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** Awaitables for the shapes: one that suspends, one that completes inline, one that fails after a suspension. */
final class Later {
    private Later() {
    }

    /** Suspends for one virtual second, then yields v: every await of it spills and restores the frame. */
    static <T> Coroutine<T> later(T v) {
        return sleep(1, v);
    }

    /** Completes at once, inline, without suspending. */
    @Async
    static <T> Coroutine<T> now(T v) {
        return result(v);
    }

    /** Suspends, then throws e (checked exceptions included, unwrapped); declares what it throws. */
    @Async
    static <T, E extends Exception> Coroutine<T> failLater(E e) throws E {
        await(sleep(1));
        throw e;
    }
}
