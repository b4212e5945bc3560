package org.awaitj;

import org.awaitj.internal.CoroutineSupport;

import static org.awaitj.internal.CoroutineSupport.COMPLETED;
import static org.awaitj.internal.CoroutineSupport.SUSPENDED;
import static org.awaitj.internal.CoroutineSupport.sneakyThrow;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code await} does: a coroutine runs inline in the awaiting task, a done future yields its value at
 * once, a pending one parks the task. Generated code reaches this through
 * {@link org.awaitj.internal.CoroutineSupport}.
 */
final class Awaiting {
    /**
     * Past this many coroutines awaited inline on one Java stack, the next one starts from the task's step
     * loop instead (a trampoline), so that await chains of any depth need no more than a bounded stack.
     */
    static final int MAX_INLINE_DEPTH = 200;

    private static final Set<String> REPORTED_BLOCKING_CALLS = ConcurrentHashMap.newKeySet();

    private Awaiting() {
    }

    static Object await(Object awaitable, Coroutine<?> frame) {
        if (awaitable instanceof Coroutine<?> c) {
            return awaitCoroutine(c, frame);
        }
        if (awaitable instanceof Future<?> f) {
            return awaitFuture(f, frame);
        }
        if (awaitable instanceof CompletionStage<?> s) {
            return awaitStage(s, frame);
        }
        if (awaitable instanceof AwaitableAdapter<?> a) {
            return await(a.delegate(), frame);
        }
        if (awaitable == null) {
            throw new NullPointerException("await(null) in " + awaitIn(frame)
                    + ": the awaited expression evaluated to null; await a Coroutine, Task, Future or CompletionStage");
        }
        throw new IllegalArgumentException("cannot await " + awaitable.getClass().getName() + " in " + awaitIn(frame)
                + ": await a Coroutine, Task, Future, TaskGroup or CompletionStage");
    }

    /**
     * Where a refused await is, for its message: the application's method on the Java stack and its line. That
     * names a fused callee, whose direct entry awaits on behalf of its caller's frame; the frame's method when
     * no application code is on the stack.
     */
    private static String awaitIn(Coroutine<?> frame) {
        StackTraceElement e = Debug.callerOutsideRuntime();
        if (e == null) {
            return frame.describe();
        }
        String type = e.getClassName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + e.getMethodName() + " (" + Debug.where(e) + ")";
    }

    static Object resumeValue(Coroutine<?> frame) {
        EventLoop loop = frame.task.loop;
        Object v = loop.resumeValue;
        loop.resumeValue = null;
        if (v instanceof Thrown t) {
            throw sneakyThrow(t.error);
        }
        return v;
    }

    /**
     * Turns what {@link Coroutine#invokeSuspend()} returned into the coroutine's result, for a coroutine that
     * did not suspend.
     */
    static Object completedValue(Coroutine<?> c, Object r) {
        if (r == COMPLETED) {
            Object v = c.result;
            c.result = null;
            return v == NULL_RESULT ? null : v;
        }
        return r;
    }

    /** What a frame holds for {@code result(null)}: a frame holding null has no result yet. */
    static final Object NULL_RESULT = new Object();

    static Object awaitCoroutine(Coroutine<?> c, Coroutine<?> frame) {
        Task<?> task = frame.task;
        for (;;) {
            if (c == Sleep.YIELD) {
                task.yieldOnce(frame);      // sleep(0): the frame itself resumes on the next turn
                return SUSPENDED;
            }
            start(c, task, frame);
            EventLoop loop = task.loop;
            if (loop.inlineDepth >= MAX_INLINE_DEPTH) {
                loop.pendingStart = c;
                return SUSPENDED;
            }
            Object r;
            loop.inlineDepth++;
            try {
                r = c.invokeSuspend();
            } finally {
                loop.inlineDepth--;
            }
            if (r == SUSPENDED) {
                return SUSPENDED;
            }
            if (r instanceof Coroutine<?> delegate && r != COMPLETED) {
                c = delegate;      // return other(): await it in c's place
                continue;
            }
            return completedValue(c, r);
        }
    }

    /** Binds a coroutine to the task it runs in; a coroutine runs once. */
    static void start(Coroutine<?> c, Task<?> task, Coroutine<?> caller) {
        if (c.task != null || c == COMPLETED) {
            throw new IllegalStateException("coroutine " + c.describe() + " was already awaited or scheduled: "
                    + "a coroutine object runs once. Call the @Async method again for a new one, or wrap it in "
                    + "createTask(...) and await the task as often as needed");
        }
        c.task = task;
        c.caller = caller;
        if (c.result != null) {
            Debug.started(c);
        }
    }

    static Object awaitFuture(Future<?> f, Coroutine<?> frame) {
        if (f.isDone()) {
            return f.resultForAwaiter();
        }
        Task<?> task = frame.task;
        if (f == task) {
            throw new IllegalStateException("task " + task.getName() + " awaits itself in " + awaitIn(frame)
                    + ": that would never complete");
        }
        if (f.loop != task.loop) {
            throw new IllegalStateException("task " + task.getName() + " awaits a future of another event loop in "
                    + awaitIn(frame) + ": futures belong to the loop that created them; await a "
                    + "CompletableFuture instead (the future's own loop can hand over future.toCompletableFuture()), "
                    + "or run the work there with runCoroutineThreadsafe");
        }
        task.suspendOn(f, frame);
        return SUSPENDED;
    }

    static Object awaitStage(CompletionStage<?> stage, Coroutine<?> frame) {
        if (stage instanceof CompletableFuture<?> cf && cf.isDone()) {
            return joinDone(cf);
        }
        return awaitFuture(ForeignFuture.fromStage(stage, frame.task.loop), frame);
    }

    private static Object joinDone(CompletableFuture<?> cf) {
        try {
            return cf.join();
        } catch (CompletionException e) {
            throw sneakyThrow(e.getCause() != null ? e.getCause() : e);
        } catch (CancellationException e) {
            throw e;
        }
    }

    static void blockingCall(String call, String where) {
        if (Flight.recording) {
            Flight.blockingCall(call, where);
        }
        if (!Debug.tracking) {
            return;
        }
        EventLoop loop = RunningLoop.get();
        if (loop == null || !loop.getDebug()) {
            return;
        }
        boolean first = REPORTED_BLOCKING_CALLS.add(System.identityHashCode(loop) + where);
        if (first || DebugRecording.active()) {
            Task<?> task = loop.currentTask;
            String report = "blocking call " + call + " on the event loop thread at " + where
                    + (task != null ? " in " + task : "") + ": it stalls every task; await an asynchronous "
                    + "equivalent, or run it with toThread(...)";
            if (first) {
                Debug.LOG.log(System.Logger.Level.WARNING, report);
            }
            DebugRecording.blockingCall(report);
        }
    }

    static Awaitable<Throwable> exitAsync(AsyncCloseable resource, Throwable primary) {
        if (resource instanceof ExitAware e) {
            return e.exitAsync(primary);
        }
        return new ClosingAfterFailure(resource.closeAsync(), primary);
    }

    /** The future that stands for {@code awaitable} on {@code loop}: a coroutine becomes a task of it. */
    @SuppressWarnings("unchecked")
    static <T> Future<T> ensureFuture(EventLoop loop, Awaitable<T> awaitable) {
        if (awaitable instanceof Coroutine<T> c) {
            return loop.createTask(c);
        }
        if (awaitable instanceof Future<T> f) {
            if (f.loop != loop) {
                throw new IllegalArgumentException(f + " belongs to another event loop");
            }
            return f;
        }
        if (awaitable instanceof Awaiting.AwaitableAdapter<?> a) {
            return ensureFuture(loop, (Awaitable<T>) a.delegate());
        }
        throw new IllegalArgumentException("cannot run " + awaitable + ": expected a Coroutine, Task or Future");
    }

    /** An exception travelling to the awaiter in place of a value. */
    static final class Thrown {
        final Throwable error;

        Thrown(Throwable error) {
            this.error = error;
        }
    }

    /** Awaitables that are neither coroutines nor futures (a task group) stand for one that is. */
    interface AwaitableAdapter<T> {
        Awaitable<T> delegate();
    }

    /** Resources that want to know the exception in flight when their block ends. */
    interface ExitAware {
        Coroutine<Throwable> exitAsync(Throwable primary);
    }

    /** Awaits a resource's closeAsync() while an exception is in flight, as javac's try-with-resources does. */
    private static final class ClosingAfterFailure extends Coroutine<Throwable> {
        private final Coroutine<Void> close;
        private final Throwable primary;
        private boolean suspended;

        ClosingAfterFailure(Coroutine<Void> close, Throwable primary) {
            this.close = close;
            this.primary = primary;
        }

        @Override
        protected Object invokeSuspend() {
            try {
                if (!suspended) {
                    Object r = awaitCoroutine(close, this);
                    if (r == SUSPENDED) {
                        suspended = true;
                        return SUSPENDED;
                    }
                } else {
                    resumeValue(this);
                }
            } catch (Throwable t) {
                if (t != primary) {
                    primary.addSuppressed(t);
                }
            }
            return complete(primary);
        }
    }
}
