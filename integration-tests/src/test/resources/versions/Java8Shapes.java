package org.awaitj.agent.versions.gen;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * Compiled by ClassFileVersionsTest with javac --release 8, 11, 17, 21 and 25: Java 8 source only (no var, no
 * switch expressions, no records), so that every release compiles the same program.
 */
public class Java8Shapes {
    static <T> Coroutine<T> later(T v) {
        return sleep(1, v);
    }

    @Async
    static <T> Coroutine<T> now(T v) {
        return result(v);
    }

    /** Wide values on the stack and in locals, a loop, a string switch, try/catch/finally, a new, a lambda. */
    @Async
    static Coroutine<String> everything(int i, long l, double d, String s) {
        final List<String> log = new ArrayList<String>();
        long acc = l;
        for (int k = 0; k < 3; k++) {
            acc += await(later(k)) * (long) i + await(now(1L));
        }
        double x = d * await(later(2.0));
        String r;
        switch (s) {
            case "a":
                r = "A" + await(later(1));
                break;
            case "b":
                r = "B";
                break;
            default:
                r = "?";
        }
        try {
            if (i > 0) {
                throw new IllegalStateException("boom");
            }
            log.add("no throw");
        } catch (IllegalStateException e) {
            log.add(e.getMessage() + await(later("!")));
        } finally {
            log.add("finally " + await(later(3)));
        }
        StringBuilder sb = new StringBuilder(await(later("sb")));
        Runnable lambda = new Runnable() {
            @Override
            public void run() {
                log.add("anonymous");
            }
        };
        lambda.run();
        Runnable arrow = () -> log.add("lambda");
        arrow.run();
        return result(acc + " " + x + " " + r + " " + log + " " + sb + " " + await(nested(i)));
    }

    @Async
    static Coroutine<Integer> nested(int i) {
        return result(i + await(later(1)));
    }

    /** An interface default method: its body moves into a static method of the interface. */
    interface Greeter {
        @Async
        default Coroutine<String> greet(String name) {
            return result("hi " + await(later(name)));
        }
    }

    static class Impl implements Greeter {
    }

    private int count;

    /** An instance method: this and a private field across suspensions, a synchronized block without await. */
    @Async
    Coroutine<Integer> counter(int n) {
        for (int k = 0; k < n; k++) {
            int step = await(later(k));
            synchronized (this) {
                count += step;
            }
        }
        return result(count);
    }

    @Async
    static Coroutine<String> kinds() {
        String greeting = await(new Impl().greet("x"));
        int c = await(new Java8Shapes().counter(4));
        return result(greeting + " " + c);
    }

    /** try-with-resources (javac 8 and javac 11+ emit it differently) with an await inside and a failure. */
    @Async
    static Coroutine<String> resources(final List<String> log) {
        try (AutoCloseable r = new AutoCloseable() {
                @Override
                public void close() {
                    log.add("closed");
                }
            }) {
            log.add("body " + await(later(1)));
            throw new IllegalArgumentException("inside");
        } catch (Exception e) {
            return result(e.getMessage() + " " + await(later(2)) + " " + log);
        }
    }
}
