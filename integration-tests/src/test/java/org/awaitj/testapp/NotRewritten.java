package org.awaitj.testapp;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** Started without the agent: its @Async method runs unrewritten, so its await says how to install the agent. */
public class NotRewritten {
    @Async
    static Coroutine<String> hello() {
        await(sleep(0));
        return result("hello");
    }

    public static void main(String[] args) {
        System.out.println(AsyncIO.run(hello()));
    }
}
