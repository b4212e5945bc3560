package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * The guide's "Alternative: Using asyncio.sleep() for Simple Coordination": {@code await} is about giving
 * the loop back, not about waiting for one particular task. While {@code main} sleeps 2.5 seconds, the two
 * tasks run in the background and finish. About 2.5 seconds.
 */
public class SleepCoordination {

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<String> main() {
        Task<String> task1 = createTask(fetchData(1));
        Task<String> task2 = createTask(fetchData(2));

        // yield control for 2.5 seconds: the tasks run in the background
        await(sleep(2.5));

        // the tasks are done by now
        return result("Tasks finished in background");
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
