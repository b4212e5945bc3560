package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** When a coroutine's body runs, how often it may be awaited, and where its exceptions say they come from. */
public class Lifecycle {
    @Async
    static Coroutine<Integer> child(List<String> log) {
        log.add("child body");
        await(later(0));
        log.add("child resumed");
        return result(7);
    }

    /** Calling the @Async method runs none of its body; awaiting it runs it. */
    @Async
    static Coroutine<List<String>> lazy() {
        List<String> log = new ArrayList<>();
        Coroutine<Integer> c = child(log);
        log.add("called");
        await(later(0));
        log.add("slept");
        int v = await(c);
        log.add("got " + v);
        return result(log);
    }

    /** The second await of the same coroutine object fails; the first one's value stands. */
    @Async
    static Coroutine<String> awaitTwice() {
        List<String> log = new ArrayList<>();
        Coroutine<Integer> c = child(log);
        int first = await(c);
        try {
            await(c);
            return result("awaited twice");
        } catch (IllegalStateException e) {
            return result(first + " " + log + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Throws on a line after a resumption. */
    @Async
    static Coroutine<Integer> failsAfterResume(int[] zero) {
        int x = await(later(1));
        await(later(2));
        return result(x / zero[0]); // THROW LINE
    }

    /** While suspended, the frame holds live values only: dead references are not kept alive by it. */
    @Async
    static Coroutine<Integer> deadAndLive(Object dead, Object live) {
        int h = dead.hashCode() * 0;
        await(sleep(1));
        return result(h + live.hashCode());
    }

    @Async
    static Coroutine<Integer> outer() {
        int v = await(inner()); // OUTER AWAIT
        return result(v + 1);
    }

    @Async
    static Coroutine<Integer> inner() {
        await(sleep(1)); // INNER AWAIT
        return result(1);
    }
}
