package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * The guide's pitfall 2, "Script Ending Before Tasks Complete": main awaits a 0.1 s sleep while its task
 * needs 2 s. The task starts, but main returns first and {@code AsyncIO.run} cancels it: "Done with 2" never
 * appears. About 0.1 seconds.
 */
public class EndingMainEarly {
    static Task<String> task;

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<String> main() {
        task = createTask(fetchData(2));
        await(sleep(0.1));      // MISTAKE: shorter than the task
        return result("main is done");
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.println("task cancelled: " + task.isCancelled());
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
