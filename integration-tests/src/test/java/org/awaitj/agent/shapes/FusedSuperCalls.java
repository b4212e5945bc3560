package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.agent.shapes.fused.Greeter;
import org.awaitj.annotations.Async;
import org.awaitj.queue.Queue;

import static org.awaitj.AsyncIO.*;

/**
 * Fused awaits of super calls, {@code await(super.m(args))}: the class file names the method they run (the
 * superclass's, or a direct superinterface's default), so the site links to that method's entry, whatever the
 * receiver's class; a super call to a method that is not {@code @Async}, or to one of the runtime's waits, takes
 * the factory and an await.
 */
public class FusedSuperCalls {
    static final List<String> CALLERS = new ArrayList<>();

    /** Who called the method that calls this (the class and method of the Java frame two up). */
    static void noteCaller() {
        StackTraceElement e = new Throwable().getStackTrace()[2];
        CALLERS.add(e.getClassName().substring(e.getClassName().lastIndexOf('$') + 1) + "." + e.getMethodName());
    }

    public static class Base {
        final List<String> log = new ArrayList<>();

        @Async
        Coroutine<Integer> step(int x, boolean slow, boolean fail) {
            noteCaller();
            log.add("base " + x);
            if (slow) {
                await(sleep(1));
            }
            if (fail) {
                throw new IllegalStateException("base refused " + x); // THROW LINE
            }
            return result(x + 1);
        }
    }

    /** An override that adds to what the method it overrides returns. */
    public static class Middle extends Base {
        @Override
        @Async
        Coroutine<Integer> step(int x, boolean slow, boolean fail) {
            log.add("middle " + x);
            return result(10 * await(super.step(x, slow, fail))); // CALL LINE
        }
    }

    /** Two levels of overrides, each calling super: the bodies run innermost last, each once. */
    public static class Top extends Middle {
        @Override
        @Async
        Coroutine<Integer> step(int x, boolean slow, boolean fail) {
            log.add("top " + x);
            return result(await(super.step(x, slow, fail)) + 5);
        }
    }

    /** A subclass that overrides nothing: its receivers take Base's method, and a super call from Top still does. */
    @Async
    static Coroutine<String> overridesCallingSuper(boolean slow) {
        Top top = new Top();
        Middle middle = new Middle();
        int a = await(top.step(1, slow, false));
        int b = await(middle.step(2, slow, false));
        return result(a + " " + b + " " + top.log + " " + middle.log + " at " + getRunningLoop().time());
    }

    /** The superclass's exception, thrown before or after it suspended, reaches the caller with every line. */
    @Async
    static Coroutine<Throwable> superThrows(boolean slow) {
        try {
            await(new Middle().step(7, slow, true));
        } catch (IllegalStateException e) {
            return result(e);
        }
        return result(null);
    }

    /** Who called Base.step: on the fused path, Middle's body itself, as a synchronous super call would. */
    @Async
    static Coroutine<List<String>> callerOfTheSuperclassMethod() {
        CALLERS.clear();
        await(new Middle().step(1, false, false));
        return result(new ArrayList<>(CALLERS));
    }

    /** A method that is not {@code @Async} (a coroutine made by hand), called as super.step. */
    public static class Made {
        Coroutine<Integer> step(int x) {
            return sleep(1, x * 3);
        }
    }

    public static class MadeOver extends Made {
        @Override
        @Async
        Coroutine<Integer> step(int x) {
            return result(await(super.step(x)) + 1);
        }
    }

    @Async
    static Coroutine<String> superMethodMadeByHand() {
        int v = await(new MadeOver().step(4));
        return result(v + " at " + getRunningLoop().time());
    }

    public interface Polite {
        @Async
        default Coroutine<String> thank(String who) {
            await(sleep(1));
            return result("thanks " + who);
        }
    }

    /** {@code Polite.super.thank(...)}: a direct superinterface's default method. */
    public static class Warm implements Polite {
        @Override
        @Async
        public Coroutine<String> thank(String who) {
            return result(await(Polite.super.thank(who)) + ", truly");
        }
    }

    @Async
    static Coroutine<String> interfaceSuperCall() {
        String s = await(new Warm().thank("you"));
        return result(s + " at " + getRunningLoop().time());
    }

    /** A protected method of a superclass in another package. */
    public static class LoudGreeter extends Greeter {
        @Override
        @Async
        protected Coroutine<String> greet(String who, boolean slow) {
            return result(await(super.greet(who, slow)).toUpperCase());
        }
    }

    @Async
    static Coroutine<String> protectedSuperCall() {
        LoudGreeter g = new LoudGreeter();
        String fast = await(g.greet("ann", false));
        String slow = await(g.greet("bob", true));
        return result(fast + " " + slow + " at " + getRunningLoop().time());
    }

    /**
     * An application's queue whose {@code get} is an {@code @Async} override calling super.get(): the super call
     * must run the queue's own get, not the runtime's entry, which would call the override again.
     */
    public static class CountingQueue<T> extends Queue<T> {
        int gets;

        @Override
        @Async
        public Coroutine<T> get() {
            gets++;
            return result(await(super.get()));
        }
    }

    @Async
    static Coroutine<String> superCallToARuntimeWait() {
        CountingQueue<String> q = new CountingQueue<>();
        q.putNowait("first");
        String first = await(q.get());
        createTask(putLater(q));
        String second = await(q.get());
        return result(first + " " + second + " gets=" + q.gets + " at " + getRunningLoop().time());
    }

    @Async
    static Coroutine<Void> putLater(Queue<String> q) {
        await(sleep(2));
        q.putNowait("second");
        return result();
    }
}
