package org.awaitj.process;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;

/**
 * One task of a {@link ProcessPoolExecutor}: what travels to a worker process (the task, serialized when it
 * is submitted), and the future of its result, which is queued, then sent to a worker, then settled by that
 * worker's reply. Its {@link Scheduler} deals with its cancellation: it drops a queued task, or kills the
 * worker running it.
 */
final class RemoteTask<T> extends CompletableFuture<T> implements RunnableFuture<T> {
    private final Scheduler scheduler;
    final byte[] payload;
    final String description;
    /** A Runnable's: its result is {@link #value}, not what the worker sends back (null). */
    private final boolean fixed;
    private final T value;
    /** The task's class loader, which resolves the classes of its result first. */
    private final ClassLoader loader;
    /** The worker it was given to; guarded by the lock of its scheduler. */
    WorkerProcess worker;

    private RemoteTask(Scheduler scheduler, byte[] payload, String description, boolean fixed, T value,
            ClassLoader loader) {
        this.scheduler = scheduler;
        this.payload = payload;
        this.description = description;
        this.fixed = fixed;
        this.value = value;
        this.loader = loader;
    }

    /**
     * The remote task of {@code task}, to be run by {@code scheduler}.
     *
     * @throws RejectedExecutionException if it cannot be serialized (the cause says why)
     */
    static <T> RemoteTask<T> of(Scheduler scheduler, Callable<T> task) {
        return create(scheduler, task, task, false, null);
    }

    /** The remote task of {@code task}, whose result is {@code value}; throws as the other {@code of} does. */
    static <T> RemoteTask<T> of(Scheduler scheduler, Runnable task, T value) {
        return create(scheduler, new RunnableCall(task), task, true, value);
    }

    private static <T> RemoteTask<T> create(Scheduler scheduler, Callable<?> sent, Object task, boolean fixed,
            T value) {
        String description = describe(task);
        byte[] payload;
        try {
            payload = Payloads.serialize(sent);
        } catch (NotSerializableException e) {
            NotSerializableException clear = notSerializable(task, e);
            throw new RejectedExecutionException("cannot run " + description + " in a worker process: "
                    + clear.getMessage(), clear);
        } catch (IOException | RuntimeException e) {
            throw new RejectedExecutionException("cannot run " + description
                    + " in a worker process: it could not be serialized: " + e.getMessage(), e);
        }
        return new RemoteTask<>(scheduler, payload, description, fixed, value, task.getClass().getClassLoader());
    }

    private static NotSerializableException notSerializable(Object task, NotSerializableException e) {
        String offender = e.getMessage();
        String taskClass = task.getClass().getName();
        String how = "a task run by ProcessPoolExecutor must be Serializable, and so must everything it captures"
                + " or holds: cast a lambda to (Callable<T> & Serializable) or (Runnable & Serializable), or"
                + " make the class implement java.io.Serializable";
        String message;
        if (taskClass.equals(offender)) {
            message = offender + " is not Serializable: " + how;
            if (task instanceof Future) {
                message += " (a " + taskClass + " wraps the real task, and cannot cross the process boundary:"
                        + " submit the Serializable Callable itself, with submit or submitRemote)";
            }
        } else {
            message = offender + ", held by task " + taskClass + ", is not Serializable: " + how;
        }
        NotSerializableException clear = new NotSerializableException(message);
        clear.initCause(e);
        return clear;
    }

    private static String describe(Object task) {
        String name = task.getClass().getName();
        int slash = name.indexOf('/'); // hidden classes: Foo$$Lambda$14/0x0000000800c03000
        return "task " + (slash >= 0 ? name.substring(0, slash) : name);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Not supported: the task runs in a worker process once {@linkplain ProcessPoolExecutor#execute executed}. */
    @Override
    public void run() {
        if (!isDone()) {
            throw new UnsupportedOperationException(description + " runs in a worker process of its"
                    + " ProcessPoolExecutor, not in the thread that calls run()");
        }
    }

    /**
     * Cancels: a queued task is dropped; with {@code mayInterruptIfRunning}, the worker running the task is
     * killed (and replaced for the next task).
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            scheduler.cancelled(this, mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** Completes with the reply of worker process {@code pid}: a {@link Frame#RESULT} or a {@link Frame#THROWN}. */
    @SuppressWarnings("unchecked")
    void settle(Frame reply, long pid) {
        Object o;
        try {
            o = Payloads.deserialize(reply.payload(), loader);
        } catch (Exception | LinkageError | StackOverflowError e) {
            InvalidObjectException clear = new InvalidObjectException("could not deserialize the "
                    + (reply.kind() == Frame.RESULT ? "result" : "exception") + " of " + description
                    + ", sent by worker process " + pid + ": " + e.getMessage());
            clear.initCause(e);
            completeExceptionally(clear);
            return;
        }
        if (reply.kind() == Frame.THROWN) {
            completeExceptionally(o instanceof Throwable ? (Throwable) o : new InvalidObjectException(
                    "worker process " + pid + " sent a " + o.getClass().getName() + " as the exception of "
                            + description));
        } else {
            complete(fixed ? value : (T) o);
        }
    }

    /** A Runnable sent as a Callable; the parent supplies the Runnable's result value itself. */
    @SuppressWarnings("serial") // the Runnable is checked to be Serializable when the task is serialized
    private static final class RunnableCall implements Callable<Object>, Serializable {
        private static final long serialVersionUID = 1L;
        private final Runnable task;

        RunnableCall(Runnable task) {
            this.task = task;
        }

        @Override
        public Object call() {
            task.run();
            return null;
        }
    }
}
