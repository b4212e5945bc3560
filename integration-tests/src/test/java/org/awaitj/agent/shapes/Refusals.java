package org.awaitj.agent.shapes;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** Methods the agent must refuse, next to one it rewrites. The markers let the test find the lines. */
public class Refusals {
    @Async
    static String notACoroutine() {
        return "plain"; // REFUSED RETURN TYPE
    }

    @Async
    static synchronized Coroutine<Integer> synchronizedMethod() {
        return result(await(later(1))); // REFUSED SYNCHRONIZED
    }

    @Async
    static Coroutine<Integer> awaitInSynchronizedBlock(Object lock) {
        int before = 1;
        synchronized (lock) {
            before += await(later(2)); // REFUSED MONITOR
        }
        return result(before);
    }

    /** An await after a synchronized block is fine: the monitor is released by then. */
    @Async
    static Coroutine<Integer> fine(Object lock) {
        int x;
        synchronized (lock) {
            x = 40;
        }
        return result(x + await(later(2)));
    }

    /** A catch around a synchronized block runs after the monitor was released: it may await. */
    @Async
    static Coroutine<String> awaitInACatchAroundASynchronizedBlock(Object lock) {
        try {
            synchronized (lock) {
                if (lock != null) {
                    throw new IllegalStateException("inside");
                }
            }
        } catch (IllegalStateException e) {
            return result(e.getMessage() + await(later("!")));
        }
        return result("not reached");
    }
}
