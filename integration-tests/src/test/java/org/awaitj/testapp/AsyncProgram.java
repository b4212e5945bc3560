package org.awaitj.testapp;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * A small application for the end-to-end tests, run in child JVMs with the agent (or without it): awaits that
 * suspend and that complete at once, a loop, an exception caught after a resume, a nested coroutine. The line
 * comments name lines the debugger test stops at; keep them on their lines.
 */
public class AsyncProgram {
    @Async
    static Coroutine<Integer> square(int x) {
        await(sleep(0));
        return result(x * x);
    }

    @Async
    public static Coroutine<String> work(int n) {
        List<String> log = new ArrayList<>();
        int total = 0;
        for (int i = 1; i <= n; i++) {
            int before = total;                              // LINE:before
            total += await(square(i));
            log.add(before + "->" + total);                  // LINE:after
        }
        try {
            await(sleep(0.001));
            throw new IllegalStateException("thrown after a resume");
        } catch (IllegalStateException e) {
            log.add(e.getMessage());
        }
        String done = "total " + total;                     // LINE:done
        return result(done + " " + log);
    }

    public static String runAll() {
        return AsyncIO.run(work(3));
    }

    public static void main(String[] args) {
        System.out.println("result: " + runAll());
    }
}
