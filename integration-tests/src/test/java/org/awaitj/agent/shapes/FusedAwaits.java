package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.awaitj.agent.shapes.fused.InitLog;
import org.awaitj.agent.shapes.fused.LoadedLater;

import static org.awaitj.AsyncIO.*;

/**
 * Awaits the fused path takes, {@code await(m(args))}, with callees of every kind: with and without a direct
 * entry, suspending on some calls only, throwing before and after suspending, private, recursive, in a class
 * loaded only when the await runs, and virtual ones (see also VirtualFusedAwaits).
 */
public class FusedAwaits {
    /** Suspends (for one virtual second) only when asked to. */
    @Async
    static Coroutine<Integer> maybe(int x, boolean suspend) {
        if (suspend) {
            await(sleep(1));
        }
        return result(x * 2);
    }

    @Async
    static Coroutine<String> suspendsOnSomeCalls() {
        int sum = 0;
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sum += await(maybe(i, i % 3 == 0));
            times.add(getRunningLoop().time());
        }
        return result(sum + " " + times);
    }

    /** Fused awaits in a loop and a handler, with long and double locals live across them (wide frame slots). */
    @Async
    static Coroutine<String> wideLocalsAroundFusedAwaits() {
        long total = 0;
        double scale = 1.5;
        for (int i = 0; i < 6; i++) {
            try {
                total += await(maybe(i, i % 2 == 0));
            } catch (IllegalStateException e) {
                total = -1;
            }
            scale *= 2;
        }
        return result(total + " " + scale + " at " + getRunningLoop().time());
    }

    @Async
    static Coroutine<Integer> thrower(boolean suspend) {
        if (suspend) {
            await(sleep(1));
        }
        throw new IllegalStateException("thrown " + (suspend ? "after" : "before") + " suspending"); // THROW LINE
    }

    @Async
    static Coroutine<Integer> middle(boolean suspend) {
        int v = await(thrower(suspend));    // MIDDLE LINE
        return result(v + 1);
    }

    /** The exception a fused callee throws reaches the caller's handler; the caller returns it. */
    @Async
    static Coroutine<Throwable> catches(boolean suspend) {
        try {
            await(middle(suspend));     // CATCH LINE
            return result(null);
        } catch (IllegalStateException e) {
            return result(e);
        }
    }

    @Async
    private Coroutine<String> greet(String who, long n) {
        int twice = await(maybe((int) n, n > 2));
        return result(who + twice);
    }

    @Async
    static Coroutine<String> privateCallee() {
        FusedAwaits f = new FusedAwaits();
        String a = await(f.greet("a", 1));
        String b = await(f.greet("b", 3));
        return result(a + b);
    }

    /** Awaits the task it runs in, a refused await, in a callee its caller's await fuses. */
    @Async
    static Coroutine<String> awaitsItsOwnTask() {
        await(sleep(0));
        Task<?> self = currentTask();
        await(self);    // SELF LINE
        return result("unreachable");
    }

    @Async
    static Coroutine<String> callsOneThatAwaitsItself() {
        try {
            return result(await(awaitsItsOwnTask()));
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    /** A null receiver fails at the call, before any of the callee runs, as the factory's call would. */
    @Async
    static Coroutine<String> nullReceiver() {
        FusedAwaits f = null;
        try {
            return result(await(f.greet("a", 1)));
        } catch (NullPointerException e) {
            return result("NPE");
        }
    }

    @Async
    static Coroutine<Boolean> isEven(int n, boolean suspend) {
        if (n == 0) {
            if (suspend) {
                await(sleep(1));
            }
            return result(true);
        }
        return result(await(isOdd(n - 1, suspend)));
    }

    @Async
    static Coroutine<Boolean> isOdd(int n, boolean suspend) {
        if (n == 0) {
            return result(false);
        }
        return result(await(isEven(n - 1, suspend)));
    }

    /** Mutual recursion, n deep: past the inline depth the direct entries trampoline. */
    @Async
    static Coroutine<String> mutualRecursion(int n) {
        return result(await(isEven(n, false)) + " " + await(isEven(n, true)) + " " + await(isOdd(n, true)));
    }

    /** No direct entry: it hands its result on to another coroutine ({@code return other()}). */
    @Async
    static Coroutine<Integer> delegates(int x) {
        if (x > 0) {
            return maybe(x, true);
        }
        return result(-1);
    }

    /** No direct entry: its return passes through a finally. */
    @Async
    static Coroutine<Integer> returnsThroughFinally(int x, List<String> log) {
        try {
            return result(await(maybe(x, true)) + 1);
        } finally {
            log.add("finally " + x);
        }
    }

    /** Not @Async: a coroutine made by hand; the fused site links to the factory and an await. */
    static Coroutine<Integer> handMade(int x) {
        return sleep(2, x);
    }

    @Async
    static Coroutine<String> calleesWithoutDirectEntries() {
        List<String> log = new ArrayList<>();
        int a = await(delegates(3));
        int b = await(delegates(0));
        int c = await(returnsThroughFinally(4, log));
        int d = await(handMade(5));
        return result(a + " " + b + " " + c + " " + d + " " + log + " at " + getRunningLoop().time());
    }

    /** LoadedLater initialises when the await first runs it, not when this class links. */
    @Async
    static Coroutine<List<String>> calleeInAClassLoadedLater() {
        List<String> log = InitLog.LOG;
        log.add("before");
        log.add("got " + await(LoadedLater.twice(21)));
        log.add("again " + await(LoadedLater.twice(2)));
        return result(new ArrayList<>(log));
    }

    /** Virtual callees: an override runs in place of the method it overrides. */
    public static class Animal {
        @Async
        Coroutine<String> sound() {
            await(sleep(1));
            return result("...");
        }
    }

    public static class Dog extends Animal {
        @Override
        @Async
        Coroutine<String> sound() {
            return result("woof");
        }
    }

    public interface Speaker {
        @Async
        Coroutine<String> speak(int times);
    }

    public static class Parrot implements Speaker {
        @Override
        @Async
        public Coroutine<String> speak(int times) {
            String s = "";
            for (int i = 0; i < times; i++) {
                s += await(maybe(i, i == 1));
            }
            return result(s);
        }
    }

    @Async
    static Coroutine<String> virtualCallees() {
        Animal[] animals = {new Animal(), new Dog()};
        String s = "";
        for (Animal a : animals) {
            s += await(a.sound()) + " ";
        }
        Speaker p = new Parrot();
        return result(s + await(p.speak(3)) + " at " + getRunningLoop().time());
    }

    @Async
    static Coroutine<Integer> level(int depth, List<String> log) {
        if (depth == 0) {
            await(sleep(10));
            return result(0);
        }
        int v;
        try {
            v = await(level(depth - 1, log));   // LEVEL LINE
        } catch (CancellationException e) {
            log.add("cancelled " + depth);
            throw e;
        }
        return result(v + 1);
    }

    /**
     * A task suspended three fused levels deep: its stack names each level at its await, and cancelling it
     * unwinds them innermost first.
     */
    @Async
    static Coroutine<List<String>> suspendedDeepInside() {
        List<String> log = new ArrayList<>();
        Task<Integer> t = createTask(level(3, log));
        await(sleep(1));
        for (StackTraceElement e : t.getStack()) {
            log.add(e.getMethodName() + ":" + e.getLineNumber());
        }
        t.cancel();
        try {
            await(t);
        } catch (CancellationException e) {
            log.add("task cancelled at " + getRunningLoop().time());
        }
        return result(log);
    }
}
