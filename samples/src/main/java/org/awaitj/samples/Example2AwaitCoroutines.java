package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

/**
 * The guide's "Example 2: Common Mistake - Awaiting Coroutines Directly": calling an {@code @Async} method
 * only makes a coroutine object, and awaiting it runs it to the end inside the awaiting task. Nothing is
 * scheduled, so nothing overlaps: still about 3 seconds.
 */
public class Example2AwaitCoroutines {

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<List<String>> main() {
        // MISTAKE: coroutine objects, not tasks
        Coroutine<String> task1 = fetchData(1);
        Coroutine<String> task2 = fetchData(2);

        String result1 = await(task1);  // runs to completion
        String result2 = await(task2);  // then this one runs to completion
        return result(List.of(result1, result2));
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
