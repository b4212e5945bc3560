package org.awaitj;

import org.awaitj.internal.CoreAccess;
import org.awaitj.internal.CoroutineSupport;


/**
 * A coroutine object: what calling an {@code @Async} method returns, before any of its body has run.
 *
 * <p>Awaiting it runs it inside the awaiting task, as a direct call; {@link AsyncIO#createTask} schedules it
 * as a task of its own. Either happens once: a coroutine is a single activation of its method.
 *
 * <p>For each {@code @Async} method the agent generates a subclass that is the method's frame: it holds the
 * arguments, a resume label and the locals spilled at a suspension, and its {@link #invokeSuspend()} runs
 * the rewritten body from the label on. The runtime's own coroutines (sleep, queues, locks) are written by
 * hand against the same protocol.
 *
 * @param <T> the type of the coroutine's result
 */
public abstract class Coroutine<T> implements Awaitable<T> {
    static {
        CoreAccess.install(new CoreBridge());
    }

    /** The coroutine that awaits this one, or null for the root coroutine of a task. */
    Coroutine<?> caller;
    /**
     * The task this coroutine runs in; null until it is awaited or scheduled; {@link Task#FINISHED} once it is
     * the root coroutine of a task that finished.
     */
    Task<?> task;
    /**
     * The result, from {@code result(v)} until the body returns, for a body that does not return it at once (a
     * {@code finally} block may still await in between) or whose result is a coroutine. The value a coroutine
     * resumes with travels through its task instead: one coroutine of a task resumes at a time, so the frames
     * need no field for it.
     */
    Object result;

    protected Coroutine() {
        if (Debug.tracking) {
            Debug.trackCreation(this);     // debug mode: report it if it is never awaited
        }
    }

    /**
     * Runs the body from where it last suspended until it suspends again or completes.
     *
     * @return {@link CoroutineSupport#SUSPENDED} when it suspended; when it completed, its result itself, or
     *     {@link CoroutineSupport#COMPLETED} with the result held by the frame (always so for a result that is a
     *     coroutine); or another coroutine to which it delegates its result ({@code return other();})
     */
    protected abstract Object invokeSuspend();

    /** Where the body was declared, for error messages and stack dumps: "Example.fetchData". */
    protected String describe() {
        return getClass().getName();
    }

    /**
     * Where this coroutine is suspended, for {@link Task#getStack()}; generated frames name their method,
     * source file and the line of the await they are suspended at.
     */
    protected StackTraceElement stackTraceElement() {
        return new StackTraceElement(getClass().getName(), "invokeSuspend", null, -1);
    }

    /** True once the coroutine was awaited or scheduled. */
    final boolean isStarted() {
        return task != null;
    }

    /** The task this coroutine runs in, once started. For hand-written coroutines in the runtime. */
    final Task<?> task() {
        return task;
    }

    /** Completes a hand-written coroutine: the value is its result. */
    protected final Object complete(Object result) {
        if (result != null && !(result instanceof Coroutine)) {
            return result;      // returned itself: a coroutine would read as a delegate, null as "no result" to some
        }
        this.result = result;
        return CoroutineSupport.COMPLETED;
    }

    @Override
    public String toString() {
        return "<coroutine " + describe() + (task == null ? " not started>"
                : task == Task.FINISHED ? " finished>" : " running in " + task.getName() + ">");
    }
}
