package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

/**
 * The guide's "Gathering Coroutines Directly": {@code gather} schedules the coroutine objects as tasks and
 * waits for all of them; {@code gather(true, ...)} is {@code return_exceptions=True}, so a failure would
 * take its slot in the list instead of propagating. Results come in argument order. About 2 seconds.
 */
public class GatherCoroutines {

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param));
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<List<Object>> main() {
        // coroutine objects, not scheduled yet
        List<Coroutine<String>> coroutines = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            coroutines.add(fetchData(i));
        }

        // gather schedules AND runs them concurrently
        List<Object> results = await(gather(true, coroutines.toArray(new Coroutine<?>[0])));
        System.out.println("Coroutine Results: " + results);
        return result(results);
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        AsyncIO.run(main());
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
