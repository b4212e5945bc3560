package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * The guide's "Example 3: Correct Concurrent Execution": {@code createTask} schedules both coroutines on
 * the event loop, so they sleep at the same time: about 2 seconds, not 3.
 */
public class Example3Tasks {

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<List<String>> main() {
        // CORRECT: tasks are scheduled on the event loop
        Task<String> task1 = createTask(fetchData(1));
        Task<String> task2 = createTask(fetchData(2));

        String result1 = await(task1);
        String result2 = await(task2);
        return result(List.of(result1, result2));
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
