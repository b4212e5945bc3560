package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * The guide's "Gathering Pre-created Tasks": the tasks are already scheduled when created, and
 * {@code gather} only waits for them all, returning their results in order. About 2 seconds.
 */
public class GatherTasks {

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<List<String>> main() {
        // create and schedule the tasks first
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            tasks.add(createTask(fetchData(i)));
        }

        // gather awaits all of them
        List<String> results = await(gather(tasks));
        System.out.println("Task Results: " + results);
        return result(results);
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        AsyncIO.run(main());
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
