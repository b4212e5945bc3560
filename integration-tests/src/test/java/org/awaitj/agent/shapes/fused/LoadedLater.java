package org.awaitj.agent.shapes.fused;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** A callee in a class of its own, which says when it initialises. */
public final class LoadedLater {
    static {
        InitLog.LOG.add("LoadedLater initialised");
    }

    private LoadedLater() {
    }

    @Async
    public static Coroutine<Integer> twice(int x) {
        if (x > 10) {
            await(sleep(1));
        }
        return result(2 * x);
    }
}
