package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * Results a body returns itself ({@code return result(v);} as the body's every return) and results it keeps in
 * its frame (a return through a {@code finally}), each awaited fused, unfused (the coroutine stored first) and
 * as a task's root: a coroutine as the result is handed over unrun, null stays null.
 */
public class ReturnedValues {
    static final List<String> LOG = new ArrayList<>();

    @Async
    static Coroutine<Integer> seven(boolean slow) {
        LOG.add("seven ran");
        if (slow) {
            await(sleep(1));
        }
        return result(7);
    }

    /** Its result is a coroutine, which the caller runs, or not, as it likes. */
    @Async
    static Coroutine<Coroutine<Integer>> makesSeven(boolean slow) {
        if (slow) {
            await(sleep(1));
        }
        return result(seven(false));
    }

    @Async
    static Coroutine<String> nothing(boolean slow) {
        if (slow) {
            await(sleep(1));
        }
        return result(null);
    }

    @Async
    static Coroutine<Void> nothingAtAll(boolean slow) {
        if (slow) {
            await(sleep(1));
        }
        return result();
    }

    /** One return at once, one through a finally that awaits: the frame keeps the result for the finally. */
    @Async
    static Coroutine<String> throughAFinally(boolean early, boolean slow) {
        if (early) {
            return result("early");
        }
        try {
            if (slow) {
                await(sleep(1));
            }
            return result("kept");
        } finally {
            await(sleep(1));
            LOG.add("finally ran");
        }
    }

    @Async
    public static Coroutine<String> coroutineResults(boolean slow) {
        LOG.clear();
        Coroutine<Integer> fused = await(makesSeven(slow));
        Coroutine<Coroutine<Integer>> stored = makesSeven(slow);
        Coroutine<Integer> unfused = await(stored);
        Task<Coroutine<Integer>> task = createTask(makesSeven(slow));
        Coroutine<Integer> fromTask = await(task);
        String unrun = LOG.toString();
        int sum = await(fused) + await(unfused) + await(fromTask);
        return result(unrun + " " + sum + " " + LOG + " at " + getRunningLoop().time());
    }

    @Async
    public static Coroutine<String> nullResults(boolean slow) {
        String fused = await(nothing(slow));
        Coroutine<String> stored = nothing(slow);
        String unfused = await(stored);
        Void none = await(nothingAtAll(slow));
        Coroutine<Void> storedNone = nothingAtAll(slow);
        Void unfusedNone = await(storedNone);
        Object fromTask = await(createTask(nothing(slow)));
        return result(fused + " " + unfused + " " + none + " " + unfusedNone + " " + fromTask);
    }

    @Async
    public static Coroutine<String> mixedReturns(boolean slow) {
        LOG.clear();
        String early = await(throughAFinally(true, slow));
        String kept = await(throughAFinally(false, slow));
        Coroutine<String> stored = throughAFinally(false, slow);
        String unfused = await(stored);
        String fromTask = await(createTask(throughAFinally(false, slow)));
        return result(early + " " + kept + " " + unfused + " " + fromTask + " " + LOG
                + " at " + getRunningLoop().time());
    }
}
