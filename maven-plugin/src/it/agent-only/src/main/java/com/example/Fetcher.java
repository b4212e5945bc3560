package com.example;

import java.util.List;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

public class Fetcher {
    /** What finished, in the order it finished. */
    static final List<String> finished = new java.util.ArrayList<>();

    @Async
    static Coroutine<String> fetch(String what, double seconds) {
        await(sleep(seconds));
        finished.add(what);
        return result(what + " fetched");
    }

    /** The three fetches run at once: the shortest finishes first, the results come in argument order. */
    @Async
    public static Coroutine<List<String>> fetchAll() {
        List<String> all = await(gather(fetch("users", 0.03), fetch("orders", 0.02), fetch("stock", 0.01)));
        return result(all);
    }

    public static void main(String[] args) {
        System.out.println(AsyncIO.run(fetchAll()) + " finished in the order " + finished);
    }
}
