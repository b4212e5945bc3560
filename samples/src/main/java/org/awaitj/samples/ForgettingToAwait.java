package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * The guide's pitfall 1, "Forgetting to Await Tasks/Coroutines": main creates two tasks and returns without
 * awaiting them. No error is thrown, yet the tasks never finish: {@code AsyncIO.run} cancels what is left when
 * main returns. A coroutine called without await or createTask does not run at all.
 */
public class ForgettingToAwait {
    static Task<String> task1;
    static Task<String> task2;

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<String> main() {
        task1 = createTask(fetchData(1));
        task2 = createTask(fetchData(2));
        fetchData(3);       // MISTAKE: a coroutine object, never awaited: none of it runs
        return result("main returned without awaiting its tasks");   // MISTAKE: no await
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.println("task 1 cancelled: " + task1.isCancelled());
        System.out.println("task 2 cancelled: " + task2.isCancelled());
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
