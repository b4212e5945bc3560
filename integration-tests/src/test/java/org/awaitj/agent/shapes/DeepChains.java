package org.awaitj.agent.shapes;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** A recursive coroutine awaiting itself n deep: each level adds its depth to the sum. */
public class DeepChains {
    @Async
    static Coroutine<Long> neverSuspends(int depth) {
        if (depth == 0) {
            return result(0L);
        }
        long below = await(neverSuspends(depth - 1));
        return result(below + depth);
    }

    @Async
    static Coroutine<Long> suspendsAtTheBottom(int depth) {
        if (depth == 0) {
            await(sleep(0));
            return result(0L);
        }
        long below = await(suspendsAtTheBottom(depth - 1));
        return result(below + depth);
    }

    /** The bottom throws (after suspending, or not); every level sees it pass through a finally that counts. */
    @Async
    static Coroutine<Long> throwsAtTheBottom(int depth, boolean suspend, int[] finallies) {
        try {
            if (depth == 0) {
                if (suspend) {
                    await(sleep(0));
                }
                throw new IllegalStateException("bottom");
            }
            return result(await(throwsAtTheBottom(depth - 1, suspend, finallies)) + 1);
        } finally {
            finallies[0]++;
        }
    }
}
