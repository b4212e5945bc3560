package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.annotations.Async;

/**
 * The guide's "Solution 1: Using Threads with asyncio.to_thread()": the blocking {@code fetchData} stays an
 * ordinary method and {@code toThread} runs it on the loop's default thread pool. The loop stays free and
 * the two calls overlap: about 2 seconds. The lambda in {@code toThread(() -> fetchData(1))} plays the part
 * of Python's {@code to_thread(fetch_data, 1)}: the call is handed over to the pool, not made here.
 */
public class ToThread {

    static String fetchData(int param) throws InterruptedException {  // an ordinary, blocking method
        System.out.println("Do something with " + param + "...");
        Thread.sleep(param * 1000L);  // blocking is fine here: this runs on a pool thread
        System.out.println("Done with " + param);
        return "Result of " + param;
    }

    @Async
    static Coroutine<List<String>> main() {
        Future<String> task1 = toThread(() -> fetchData(1));
        Future<String> task2 = toThread(() -> fetchData(2));

        String result1 = await(task1);
        System.out.println("Thread 1 fully completed");
        String result2 = await(task2);
        System.out.println("Thread 2 fully completed");
        return result(List.of(result1, result2));
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
