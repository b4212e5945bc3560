package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.process.ProcessPoolExecutor;
import org.awaitj.annotations.Async;

/**
 * The guide's "Solution 2: Using Processes with loop.run_in_executor()": the blocking fetchData runs in a pool
 * of worker JVMs, so both calls proceed at once (their output is forwarded to this process). The callables
 * travel to the workers serialized, hence the {@code (Callable<String> & Serializable)} cast. About 2 seconds
 * plus the workers' start-up.
 */
public class ProcessPool {

    static String fetchData(int param) throws InterruptedException {   // a regular, blocking function
        System.out.println("Do something with " + param + "...");
        Thread.sleep(param * 1000L);
        System.out.println("Done with " + param);
        return "Result of " + param;
    }

    @Async
    static Coroutine<List<String>> main() {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            Future<String> task1 = runInExecutor(executor, (Callable<String> & Serializable) () -> fetchData(1));
            Future<String> task2 = runInExecutor(executor, (Callable<String> & Serializable) () -> fetchData(2));

            String result1 = await(task1);
            System.out.println("Process 1 fully completed");
            String result2 = await(task2);
            System.out.println("Process 2 fully completed");
            return result(List.of(result1, result2));
        }
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main()));
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
