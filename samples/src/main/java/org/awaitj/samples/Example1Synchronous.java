package org.awaitj.samples;

import java.util.List;
import java.util.Locale;

/**
 * The guide's "Example 1: Synchronous Code (Baseline)": plain methods and {@code Thread.sleep}, no event
 * loop. The two calls run one after the other, so it takes about 3 seconds (1 + 2).
 */
public class Example1Synchronous {

    static String fetchData(int param) throws InterruptedException {
        System.out.println("Do something with " + param + "...");
        Thread.sleep(param * 1000L);
        System.out.println("Done with " + param);
        return "Result of " + param;
    }

    static List<String> main() throws InterruptedException {
        String result1 = fetchData(1);  // takes 1 second
        String result2 = fetchData(2);  // takes 2 seconds
        return List.of(result1, result2);
    }

    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        System.out.println(main());
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
