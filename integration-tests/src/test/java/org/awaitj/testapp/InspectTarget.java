package org.awaitj.testapp;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * What {@code ps} and {@code pstree} look at in the end-to-end test: main awaits two workers, which await one
 * leaf through a gather and directly; two tasks await each other for ever. Prints "ready" once they are all
 * suspended, then waits until it is killed. The line comments name lines the test expects.
 */
public class InspectTarget {
    @Async
    static Coroutine<Void> leaf() {
        await(sleep(3600)); // LINE:leaf
        return result();
    }

    @Async
    static Coroutine<Void> worker(Task<Void> leaf, boolean gathering) {
        if (gathering) {
            await(gather(leaf)); // LINE:gather
        } else {
            await(leaf); // LINE:worker
        }
        return result();
    }

    @Async
    static Coroutine<Void> waitsFor(Future<Task<Void>> other) {
        Task<Void> t = await(other);
        await(t); // LINE:cycle
        return result();
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> leaf = createTask(leaf(), "leaf");
        Task<Void> w1 = createTask(worker(leaf, true), "worker-1");
        Task<Void> w2 = createTask(worker(leaf, false), "worker-2");
        Future<Task<Void>> toA = getRunningLoop().createFuture();
        Future<Task<Void>> toB = getRunningLoop().createFuture();
        Task<Void> a = createTask(waitsFor(toB), "cycle-a");
        Task<Void> b = createTask(waitsFor(toA), "cycle-b");
        toA.setResult(a);
        toB.setResult(b);
        await(sleep(0.2));
        System.out.println("ready");
        await(gather(w1, w2)); // LINE:main
        return result();
    }

    public static void main(String[] args) {
        AsyncIO.run(main());
    }
}
