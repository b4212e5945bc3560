package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * The guide's Example 4, "Understanding Await Order vs Execution Order": awaiting task 2 first does not
 * make it run first. Task 1 finishes after 1 second and keeps its result; by the time task 2 is done and
 * task 1 is awaited, there is nothing left to wait for. About 2 seconds.
 */
public class Example4AwaitOrder {

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<List<String>> main() {
        Task<String> task1 = createTask(fetchData(1));  // sleeps 1 second
        Task<String> task2 = createTask(fetchData(2));  // sleeps 2 seconds

        // Even though we await task 2 first...
        String result2 = await(task2);
        System.out.println("Task 2 fully completed");
        String result1 = await(task1);  // already done: just its stored result
        System.out.println("Task 1 fully completed");
        return result(List.of(result1, result2));
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
