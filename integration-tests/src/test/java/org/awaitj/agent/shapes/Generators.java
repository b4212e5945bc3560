package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.awaitj.AsyncGenerator;
import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.GeneratorExit;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** Async generators and their consumers; the log records the order things happened in. */
public class Generators {
    /** Emits 0..n-1, a virtual second apart; its finally awaits. */
    @Async
    static AsyncGenerator<Integer> ticks(int n, List<String> log) {
        log.add("start");
        try {
            for (int i = 0; i < n; i++) {
                await(later(0));
                log.add("emit " + i);
                emit(i);
            }
        } finally {
            await(sleep(1));
            log.add("cleanup");
        }
        return finish();
    }

    @Async
    static Coroutine<List<String>> sumAll(int n) {
        List<String> log = new ArrayList<>();
        int sum = 0;
        AsyncGenerator<Integer> g = ticks(n, log);
        log.add("called");
        try (AsyncIterator<Integer> it = g.iterator()) {
            while (await(it.hasNext())) {
                sum += it.next();
            }
        }
        log.add("sum " + sum);
        return result(log);
    }

    /** The consumer leaves after two values: closing runs the generator's finally, which awaits. */
    @Async
    static Coroutine<List<String>> earlyExit() {
        List<String> log = new ArrayList<>();
        try (AsyncIterator<Integer> it = ticks(10, log).iterator()) {
            while (await(it.hasNext())) {
                if (it.next() == 1) {
                    break;
                }
            }
        }
        log.add("after");
        return result(log);
    }

    @Async
    static AsyncGenerator<String> failsAfter(int n) throws java.io.IOException {
        for (int i = 0; i < n; i++) {
            emit("v" + i);
            await(later(0));
        }
        throw new java.io.IOException("body failed");
    }

    /** The body's exception reaches the consumer through hasNext(), unchanged. */
    @Async
    static Coroutine<List<String>> bodyThrows() {
        List<String> log = new ArrayList<>();
        try (AsyncIterator<String> it = failsAfter(2).iterator()) {
            while (await(it.hasNext())) {
                log.add(it.next());
            }
        } catch (java.io.IOException e) {
            log.add("caught " + e.getMessage());
        }
        return result(log);
    }

    /** The consumer's exception closes the generator on its way out, and goes on unchanged. */
    @Async
    static Coroutine<List<String>> consumerThrows() {
        List<String> log = new ArrayList<>();
        try (AsyncIterator<Integer> it = ticks(5, log).iterator()) {
            while (await(it.hasNext())) {
                if (it.next() == 2) {
                    throw new IllegalArgumentException("consumer failed");
                }
            }
        } catch (IllegalArgumentException e) {
            log.add("caught " + e.getMessage());
        }
        return result(log);
    }

    /** long and double locals, and an int on the operand stack, live across emits. */
    @Async
    static AsyncGenerator<String> wide(long a, double b, int k) {
        long x = a;
        double y = b;
        for (int i = 0; i < 3; i++) {
            int r = 10 + switch (k) {
                case 0 -> {
                    emit("in switch " + x);
                    yield i;
                }
                default -> -1;
            };
            emit(x + ":" + y + ":" + r);
            await(later(0));
            x *= 3;
            y /= 2;
        }
        emit("end " + x + " " + y);
        return finish();
    }

    @Async
    static Coroutine<List<String>> collect(AsyncGenerator<?> g) {
        List<String> out = new ArrayList<>();
        try (AsyncIterator<?> it = g.iterator()) {
            while (await(it.hasNext())) {
                out.add(String.valueOf(it.next()));
            }
        }
        return result(out);
    }

    /** A generator iterating another one: the inner runs in the same consumer's task, two frames deep. */
    @Async
    static AsyncGenerator<Integer> doubled(int n, List<String> log) {
        try (AsyncIterator<Integer> inner = ticks(n, log).iterator()) {
            while (await(inner.hasNext())) {
                emit(inner.next() * 2);
            }
        }
        log.add("doubled done");
        return finish();
    }

    @Async
    static Coroutine<List<String>> nested(int take) {
        List<String> log = new ArrayList<>();
        int seen = 0;
        try (AsyncIterator<Integer> it = doubled(5, log).iterator()) {
            while (seen < take && await(it.hasNext())) {
                log.add("got " + it.next());
                seen++;
            }
        }
        return result(log);
    }

    /** Waits long in its body; its consumer is cancelled meanwhile. */
    @Async
    static AsyncGenerator<Integer> slow(List<String> log) {
        try {
            emit(1);
            await(sleep(100));
            emit(2);
        } finally {
            await(sleep(1));
            log.add("slow cleanup");
        }
        return finish();
    }

    @Async
    static Coroutine<Integer> consumeSlow(List<String> log) {
        int last = 0;
        try (AsyncIterator<Integer> it = slow(log).iterator()) {
            while (await(it.hasNext())) {
                last = it.next();
                log.add("got " + last);
            }
        }
        return result(last);
    }

    @Async
    static Coroutine<List<String>> cancelConsumer() {
        List<String> log = new ArrayList<>();
        Task<Integer> t = createTask(consumeSlow(log));
        await(sleep(5));
        t.cancel();
        try {
            await(t);
        } catch (java.util.concurrent.CancellationException e) {
            log.add("consumer cancelled at " + getRunningLoop().time());
        }
        return result(log);
    }

    /** A generator runs once; an unstarted one closes without running; hasNext is idempotent until next. */
    @Async
    static Coroutine<List<String>> protocol() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> g = ticks(3, log);
        AsyncIterator<Integer> it = g.iterator();
        try {
            g.iterator();
        } catch (IllegalStateException e) {
            log.add("second iterator: " + e.getMessage().contains("iterated already"));
        }
        try {
            it.next();
        } catch (NoSuchElementException e) {
            log.add("next first: " + e.getMessage().contains("await hasNext() first"));
        }
        boolean a = await(it.hasNext());
        boolean b = await(it.hasNext());
        log.add("twice " + a + b + " " + it.next());
        await(it.closeAsync());
        log.add("closed, then " + await(it.hasNext()));
        AsyncIterator<Integer> never = ticks(3, log).iterator();
        await(never.closeAsync());
        log.add("unstarted closed, then " + await(never.hasNext()));
        return result(log);
    }

    /** Swallows the GeneratorExit of a close and emits again: the close fails. */
    @Async
    static AsyncGenerator<Integer> stubborn() {
        try {
            emit(1);
        } catch (GeneratorExit e) {
            emit(2);
        }
        return finish();
    }

    /** A catch (Exception e) around the emit does not catch the GeneratorExit of a close. */
    @Async
    static AsyncGenerator<Integer> catchesExceptions(List<String> log) {
        try {
            emit(1);
            emit(2);
        } catch (Exception e) {
            log.add("caught " + e);
        } finally {
            log.add("finally");
        }
        return finish();
    }

    @Async
    static Coroutine<List<String>> closing() {
        List<String> log = new ArrayList<>();
        AsyncIterator<Integer> s = stubborn().iterator();
        await(s.hasNext());
        try {
            await(s.closeAsync());
        } catch (IllegalStateException e) {
            log.add("stubborn: " + e.getMessage().contains("caught GeneratorExit"));
        }
        AsyncIterator<Integer> c = catchesExceptions(log).iterator();
        await(c.hasNext());
        await(c.closeAsync());
        log.add("closed");
        return result(log);
    }

    /** Left suspended at an emit, never closed: the loop's shutdown closes it. */
    @Async
    static Coroutine<Integer> abandon(List<String> log) {
        AsyncIterator<Integer> it = ticks(5, log).iterator();
        await(it.hasNext());
        return result(it.next());
    }

    /** Many values emitted without any await: the consumer's stack does not grow with them. */
    @Async
    static AsyncGenerator<Long> range(long n) {
        for (long i = 0; i < n; i++) {
            emit(i);
        }
        return finish();
    }

    @Async
    static Coroutine<Long> sumRange(long n) {
        long sum = 0;
        try (AsyncIterator<Long> it = range(n).iterator()) {
            while (await(it.hasNext())) {
                sum += it.next();
            }
        }
        return result(sum);
    }

    /** An instance generator with a generic element type, emitting null too. */
    static final class Words<W> {
        private final List<W> words;

        Words(List<W> words) {
            this.words = words;
        }

        @Async
        AsyncGenerator<W> each() {
            for (W w : words) {
                emit(w);
            }
            emit(null);
            return finish();
        }
    }

    @Async
    static Coroutine<List<String>> instance(List<String> words) {
        return collect(new Words<>(words).each());
    }

    /** An interface default generator, with an uninitialized object on the stack at an await inside an emit. */
    interface Source {
        @Async
        default AsyncGenerator<String> built(String a) {
            emit(new StringBuilder(await(later(a))).append('!').toString());
            emit(new StringBuilder(a).append(await(now("?"))).toString());
            return finish();
        }
    }

    @Async
    static Coroutine<List<String>> fromInterface() {
        return collect(new Source() { }.built("x"));
    }

    /** The generator returns from inside a try with a finally: javac copies the finally before the return. */
    @Async
    static AsyncGenerator<String> returnInTry(boolean early) {
        try {
            emit("a");
            if (early) {
                return finish();
            }
            emit("b");
        } finally {
            await(later(0));
            emit("from finally");
        }
        return finish();
    }
}
