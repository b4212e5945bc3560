package org.awaitj;

import org.awaitj.internal.CoroutineSupport;


import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A low-level result holder bound to an event loop, like {@code asyncio.Future}.
 *
 * <p>Not thread-safe: use it from its loop's thread only (other threads go through
 * {@link EventLoop#callSoonThreadsafe} or {@link #toCompletableFuture()}). Done callbacks run through the
 * loop's ready queue, never inline. It deliberately does not implement {@link CompletionStage}, so that
 * {@code await(future)} picks one overload.
 *
 * @param <T> the type of the result
 */
public class Future<T> implements Awaitable<T> {
    final EventLoop loop;
    /**
     * The value; when FAILED the exception with its "never retrieved" watch; when CANCELLED the message. While a
     * task is pending it holds what the task awaits ({@link Task#awaiting()}): one field for both saves 4 bytes a
     * task.
     */
    Object result;
    /**
     * While pending: null, one callback, or an ArrayList of them; a callback is a Consumer, a Gather or a Task to
     * wake. Once done: how it ended, an {@link Ending}. The state needs no field of its own, which keeps a future
     * at 24 bytes and a task at 40.
     */
    private Object callbacks;

    /** How a future ended, kept where its callbacks were: they are scheduled, and gone, when it ends. */
    private enum Ending {
        FINISHED, FAILED, CANCELLED
    }

    /** The loop this future belongs to (asyncio's {@code get_loop()}). */
    public EventLoop getLoop() {
        return loop;
    }

    /** A future on the running loop; see also {@link EventLoop#createFuture()}. */
    public Future() {
        this(AsyncIO.getRunningLoop());
    }

    Future(EventLoop loop) {
        this.loop = loop;
    }

    public boolean isDone() {
        return callbacks instanceof Ending;
    }

    public boolean isCancelled() {
        return callbacks == Ending.CANCELLED;
    }

    /** Marks the future done with a value and schedules its callbacks. */
    public void setResult(T value) {
        checkPending("setResult");
        result = value;
        end(Ending.FINISHED);
    }

    /** Marks the future done with an exception and schedules its callbacks. */
    public void setException(Throwable error) {
        checkPending("setException");
        if (error instanceof CancellationException) {
            throw new IllegalArgumentException("use cancel() rather than setException(CancellationException)");
        }
        Unretrieved watch = new Unretrieved(error, loop);   // the exception, and whether anyone looked at it
        result = watch;
        Object cbs = callbacks;
        callbacks = Ending.FAILED;
        watch.watch(this);      // before the callbacks: a gather counts its children at once, and may retrieve it
        scheduleCallbacks(cbs);
    }

    private boolean failed() {
        return callbacks == Ending.FAILED;
    }

    private Throwable failure() {
        return ((Unretrieved) result).error;
    }

    /** Someone looked at the outcome: a failure is not reported as never retrieved when the future is collected. */
    private void markRetrieved() {
        if (failed()) {
            ((Unretrieved) result).retrieved();
        }
    }

    /** Cancels the future if it is not done yet; true when it was cancelled by this call. */
    public boolean cancel() {
        return cancel(null);
    }

    /** Cancels with a message that the {@link CancellationException} carries. */
    public boolean cancel(String msg) {
        if (isDone()) {
            return false;
        }
        result = msg;
        end(Ending.CANCELLED);
        return true;
    }

    /**
     * The result; throws the future's exception unchanged (checked ones too), a
     * {@link CancellationException} if it was cancelled, or {@link IllegalStateException} if it is not done.
     */
    @SuppressWarnings("unchecked")
    public T result() {
        retrieve();
        if (failed()) {
            throw CoroutineSupport.sneakyThrow(failure());
        }
        return (T) result;
    }

    /** The exception, or null when it completed with a value; {@link CancellationException} if cancelled. */
    public Throwable exception() {
        retrieve();
        return failed() ? failure() : null;
    }

    /** Before the outcome is read: it must be there, and not a cancellation (which is thrown). */
    private void retrieve() {
        if (!isDone()) {
            throw new IllegalStateException(this + " is not done yet: await it, or check isDone() first");
        }
        if (isCancelled()) {
            throw cancellation();
        }
        markRetrieved();
    }

    /** Completes this future as {@code source}, which is done, completed (asyncio's {@code _copy_future_state}). */
    final void copyStateFrom(Future<? extends T> source) {
        if (source.isCancelled()) {
            cancel();
        } else if (source.exception() != null) {
            setException(source.exception());
        } else {
            setResult(source.result());
        }
    }

    /**
     * Adds a callback that runs, through the loop's ready queue, once the future is done, in the context current
     * now ({@link ContextVar}).
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        if (isDone()) {
            loop.callSoon(() -> callback.accept(this));
        } else {
            addCallback(ContextScope.DoneCallback.bind(loop, callback));
        }
    }

    /** Removes every registration of the callback; returns how many there were. */
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        if (ContextScope.DoneCallback.is(callbacks, callback)) {
            callbacks = null;
            return 1;
        }
        if (callbacks instanceof ArrayList<?> list) {
            int before = list.size();
            list.removeIf(c -> ContextScope.DoneCallback.is(c, callback));
            return before - list.size();
        }
        return 0;
    }

    /**
     * A view for callers outside the loop: completes when this future does (on the loop's thread); cancelling
     * the view cancels this future through {@link EventLoop#callSoonThreadsafe}.
     */
    public CompletableFuture<T> toCompletableFuture() {
        return LoopFutureView.of(this);
    }

    /** Runs {@code action} once this future is done: now if it is, else as a done callback. */
    final void whenDone(Consumer<Future<T>> action) {
        if (isDone()) {
            action.accept(this);
        } else {
            addCallback(action);
        }
    }

    /** Counts this future into a gather when it is done: now if it is, else at its completion, not a turn later. */
    final void whenDoneCount(Gather<?> gather) {
        if (isDone()) {
            gather.childDone(this);
        } else {
            addCallback(gather);
        }
    }

    /** The result for an awaiter: returned, or thrown unchanged at the await (its trace gains the await). */
    final Object resultForAwaiter() {
        if (failed()) {
            markRetrieved();
            Throwable e = failure();
            AsyncStackTraces.intoAwaiterHere(e, this);
            throw CoroutineSupport.sneakyThrow(e);
        }
        return result();
    }

    /** The outcome for a task that suspended on this future: the value, or the exception wrapped. */
    final Object outcomeForAwaiter() {
        if (isCancelled()) {
            return new Awaiting.Thrown(cancellation());
        }
        markRetrieved();
        return failed() ? new Awaiting.Thrown(failure()) : result;
    }

    /** The message of the cancellation; null when not cancelled, or cancelled without one. */
    final String cancelMessage() {
        return isCancelled() ? (String) result : null;
    }

    CancellationException cancellation() {
        return new CancellationException(cancelMessage());
    }

    /**
     * A waiter of the queues and primitives that woke its task, which has resumed and dropped it: pending again,
     * so that a line's next wait needs no new future. Only for futures nothing else can hold.
     */
    final void reuseAsWaiter() {
        callbacks = null;
        result = null;
    }

    /** Registers a task to wake when this future is done (no allocation beyond the callback list). */
    final void addWaiter(Task<?> task) {
        addCallback(task);
    }

    final void removeWaiter(Task<?> task) {
        if (callbacks == task) {
            callbacks = null;
        } else if (callbacks instanceof ArrayList<?> list) {
            list.remove(task);
        }
    }

    @SuppressWarnings("unchecked")
    private void addCallback(Object callback) {
        if (callbacks == null) {
            callbacks = callback;
        } else if (callbacks instanceof ArrayList<?> list) {
            ((ArrayList<Object>) list).add(callback);
        } else {
            ArrayList<Object> list = new ArrayList<>(4);
            list.add(callbacks);
            list.add(callback);
            callbacks = list;
        }
    }

    /** Done: the callbacks make way for how it ended, then run. */
    private void end(Ending ending) {
        Object cbs = callbacks;
        callbacks = ending;
        scheduleCallbacks(cbs);
    }

    private void scheduleCallbacks(Object cbs) {
        if (cbs == null) {
            return;
        }
        if (cbs instanceof ArrayList<?> list) {
            for (Object cb : list) {
                scheduleCallback(cb);
            }
        } else {
            scheduleCallback(cbs);
        }
    }

    @SuppressWarnings("unchecked")
    private void scheduleCallback(Object cb) {
        if (cb instanceof Task<?> task) {
            loop.readyAdd(task);
        } else if (cb instanceof Gather<?> gather) {
            gather.childDone(this);
        } else {
            Consumer<? super Future<T>> c = (Consumer<? super Future<T>>) cb;
            loop.callSoon(() -> c.accept(this));
        }
    }

    private void checkPending(String what) {
        if (isDone()) {
            throw new IllegalStateException(what + " on " + this + ", which is already done");
        }
    }

    /** asyncio's words: a future that failed is finished too, with an exception. */
    String stateName() {
        return !isDone() ? "pending" : isCancelled() ? "cancelled" : "finished";
    }

    /** How a finished future ended, as asyncio's repr says it: " result=..." or " exception=...", else "". */
    String outcome() {
        if (failed()) {
            return " exception=" + failure();
        }
        if (callbacks != Ending.FINISHED) {
            return "";
        }
        String v = String.valueOf(result);
        return " result=" + (v.length() > 60 ? v.substring(0, 57) + "..." : v);
    }

    @Override
    public String toString() {
        return "<Future " + stateName() + outcome() + ">";
    }
}
