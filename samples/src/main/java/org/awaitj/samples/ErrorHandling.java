package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.TaskGroup;
import org.awaitj.TaskGroupException;
import org.awaitj.annotations.Async;

/**
 * The guide's "Error Handling: gather() vs TaskGroup", with fetchData(2) failing after 1 second while the
 * others take 1 and 2 seconds:
 * <ul>
 * <li>{@code gather}: the first exception reaches the awaiter; the other tasks keep running;</li>
 * <li>{@code gather(true, ...)}: every task runs to the end and the failure takes its slot in the results;</li>
 * <li>{@code TaskGroup}: fails fast, cancels the rest, and throws every failure together.</li>
 * </ul>
 * About 7.5 seconds: 3.5 for gather, 3 for gather(true, ...), 1 for the TaskGroup.
 */
public class ErrorHandling {

    @Async
    static Coroutine<String> fetchData(int param) {
        System.out.println("Do something with " + param + "...");
        await(sleep(param == 2 ? 1 : param));
        if (param == 2) {
            throw new IllegalArgumentException("Bad param " + param);
        }
        System.out.println("Done with " + param);
        return result("Result of " + param);
    }

    @Async
    static Coroutine<Void> withGather() {
        try {
            await(gather(fetchData(1), fetchData(2), fetchData(3)));
        } catch (IllegalArgumentException e) {
            System.out.println("gather raised: " + e.getMessage());
        }
        await(sleep(2.5));      // fetchData(3) was not cancelled: it finishes meanwhile
        return result();
    }

    @Async
    static Coroutine<Void> withReturnExceptions() {
        List<Object> results = await(gather(true, fetchData(1), fetchData(2), fetchData(3)));
        System.out.println("gather(true) results: " + results);
        return result();
    }

    @Async
    static Coroutine<Void> withTaskGroup() {
        try (TaskGroup tg = new TaskGroup()) {
            tg.createTask(fetchData(1));
            tg.createTask(fetchData(2));
            tg.createTask(fetchData(3));    // cancelled when fetchData(2) fails
        } catch (TaskGroupException e) {
            System.out.println("TaskGroup raised: " + e.exceptions());
        }
        return result();
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println("--- gather ---");
        AsyncIO.run(withGather());
        System.out.println("--- gather(true, ...) ---");
        AsyncIO.run(withReturnExceptions());
        System.out.println("--- TaskGroup ---");
        AsyncIO.run(withTaskGroup());
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
