package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.TaskGroup;
import org.awaitj.annotations.Async;

/**
 * The guide's "Using Task Groups": {@code async with asyncio.TaskGroup() as tg} becomes a try-with-resources
 * block; its end awaits every task created in it, with no explicit await. About 2 seconds.
 */
public class TaskGroupSample {

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<List<String>> main() {
        List<Task<String>> results = new ArrayList<>();
        try (TaskGroup tg = new TaskGroup()) {
            for (int i = 1; i < 3; i++) {
                results.add(tg.createTask(fetchData(i)));
            }
            // no await needed: the end of the block awaits every task
        }
        List<String> finalResults = new ArrayList<>();
        for (Task<String> r : results) {
            finalResults.add(r.result());
        }
        System.out.println("Task Group Results: " + finalResults);
        return result(finalResults);
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        AsyncIO.run(main());
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
