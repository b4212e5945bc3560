package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * The guide's "Critical Mistake: Blocking the Event Loop": a {@code Thread.sleep} inside an {@code @Async}
 * method holds the loop's only thread. Even scheduled as tasks, the coroutines cannot take turns, so it
 * takes about 3 seconds, as synchronous code would. Run it with {@code AsyncIO.run(main(), true)} to have
 * debug mode name the blocking call.
 */
public class BlockingTheLoop {

    @Async
    static Coroutine<String> fetchData(int param) throws InterruptedException {
        System.out.println("Do something with " + param + "...");
        Thread.sleep(param * 1000L);  // BLOCKS the event loop!
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<List<String>> main() throws InterruptedException {
        Task<String> task1 = createTask(fetchData(1));
        Task<String> task2 = createTask(fetchData(2));

        String result1 = await(task1);
        String result2 = await(task2);
        return result(List.of(result1, result2));
    }

    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
