package org.awaitj;

import org.awaitj.internal.CoroutineSupport;


import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Structured concurrency, like {@code asyncio.TaskGroup}: inside an {@code @Async} method,
 * <pre>{@code
 * try (TaskGroup tg = new TaskGroup()) {
 *     Task<String> a = tg.createTask(fetch(1));
 *     Task<String> b = tg.createTask(fetch(2));
 * }   // awaits every child
 * }</pre>
 * The end of the block waits for every child. The first child to fail cancels the others and the body;
 * the block then throws a {@link TaskGroupException} with every failure. When the body throws, the children
 * are cancelled and awaited, then the body's exception is thrown (inside a TaskGroupException with the
 * children's, if they failed too). A cancellation of the enclosing task from outside is never swallowed.
 */
public final class TaskGroup implements Awaitable<Void>, AsyncCloseable, Awaiting.ExitAware,
        Awaiting.AwaitableAdapter<Void> {
    private final EventLoop loop;
    private final Task<?> parent;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private Future<Void> onCompleted;

    /** A group whose children belong to the current task; needs a running loop and a current task. */
    public TaskGroup() {
        this.loop = AsyncIO.getRunningLoop();
        this.parent = loop.currentTask;
        if (parent == null) {
            throw new IllegalStateException("a TaskGroup is opened inside an @Async method running in a task");
        }
    }

    /** Starts a child task; the group's end waits for it. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /** Starts a named child task. */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("this TaskGroup is finished: create tasks inside its block");
        }
        if (aborting) {
            throw new IllegalStateException("this TaskGroup is shutting down after a failure: no new tasks");
        }
        Task<T> task = loop.createTask(coro, name);
        tasks.add(task);
        task.addDoneCallback(this::onTaskDone);
        return task;
    }

    private void onTaskDone(Future<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
            onCompleted.setResult(null);
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable e = task.exception();
        if (e == null) {
            return;
        }
        errors.add(e);
        if (!aborting && !parentCancelRequested && !parent.isDone()) {
            abort();
            parentCancelRequested = true;
            parent.cancel();    // the body stops at its next await; the group's end sorts it out
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    /** The normal end of the block: waits for the children; throws if any failed. */
    @Override
    public Coroutine<Void> closeAsync() {
        return new Exit<>(null, false);
    }

    /** The end of a block that throws {@code primary}: cancels and awaits the children. */
    @Override
    public Coroutine<Throwable> exitAsync(Throwable primary) {
        return new Exit<>(primary, true);
    }

    /**
     * Only the rewritten end of the block is meaningful (the agent turns it into an await of
     * {@link #closeAsync()}); declared without checked exceptions so that the block needs no catch.
     */
    @Override
    public void close() {
        throw new IllegalStateException("a TaskGroup is used in a try-with-resources block inside an @Async method, "
                + "whose end the awaitj agent turns into an await");
    }

    /** Awaiting the group ends it, as the end of its block does. */
    @Override
    public Awaitable<Void> delegate() {
        return closeAsync();
    }

    /**
     * asyncio's {@code __aexit__}: a loop awaiting "all children done", then the verdict. Yields the exception
     * to throw when {@code returnsError}, else throws it.
     */
    final class Exit<R> extends Coroutine<R> {
        private final Throwable primary;
        private final boolean returnsError;
        private Throwable propagateCancel;
        private boolean waiting;

        Exit(Throwable primary, boolean returnsError) {
            this.primary = primary;
            this.returnsError = returnsError;
        }

        @Override
        protected Object invokeSuspend() {
            if (!waiting) {
                exiting = true;
                if (primary instanceof CancellationException) {
                    propagateCancel = primary;
                }
                if (parentCancelRequested && parent.uncancel() == 0) {
                    propagateCancel = null;     // the cancellation was the group's own doing
                }
                if (primary != null && !aborting) {
                    abort();
                }
            } else {
                waiting = false;
                try {
                    Awaiting.resumeValue(this);
                } catch (CancellationException e) {
                    if (!aborting) {
                        propagateCancel = e;     // cancelled from outside while waiting
                        abort();
                    }
                }
                onCompleted = null;
            }
            while (!tasks.isEmpty()) {
                onCompleted = loop.createFuture();
                Object r = Awaiting.awaitFuture(onCompleted, this);
                if (r == CoroutineSupport.SUSPENDED) {
                    waiting = true;
                    return r;
                }
                onCompleted = null;
            }
            return verdict();
        }

        private Object verdict() {
            Throwable toThrow;
            if (propagateCancel != null && errors.isEmpty()) {
                toThrow = propagateCancel;
            } else if (!errors.isEmpty()) {
                List<Throwable> all = new ArrayList<>(errors);
                if (primary != null && !(primary instanceof CancellationException)) {
                    all.add(primary);
                }
                errors.clear();
                toThrow = new TaskGroupException("unhandled errors in a TaskGroup", all);
            } else {
                toThrow = primary;
            }
            if (returnsError) {
                return complete(toThrow);
            }
            if (toThrow != null) {
                throw CoroutineSupport.sneakyThrow(toThrow);
            }
            return complete(null);
        }

        @Override
        protected String describe() {
            return "TaskGroup exit";
        }

        /** For inspection: the task waiting here waits for this group's children. */
        TaskGroup group() {
            return TaskGroup.this;
        }
    }

    /** The children not done yet. */
    Set<Task<?>> children() {
        return tasks;
    }

    @Override
    public String toString() {
        return "<TaskGroup tasks=" + tasks.size() + (aborting ? " aborting" : "") + (exiting ? " exiting" : "") + ">";
    }
}
