package org.awaitj;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;

import org.awaitj.process.ProcessPoolExecutor;

/**
 * The one way work finished on another thread reaches a loop, like asyncio's {@code wrap_future}: a future
 * of the loop that follows a {@link CompletionStage} (what {@code await(stage)} waits on), work handed to an
 * {@link Executor} ({@code runInExecutor}, {@code toThread}), or a task of a {@link ProcessPoolExecutor}.
 *
 * <p>The foreign side hands over its outcome with {@link #complete} from whatever thread it finishes on; the
 * outcome is settled on the loop's thread, unless the future is done by then (cancelled). If the loop is closed
 * by then, the outcome is dropped: nobody is left to tell, and the foreign thread goes on unharmed.
 *
 * <p>Cancelling the future cancels the foreign side too. Work the future started itself (on an executor, in a
 * worker process) is stopped at once, not on a later turn of the loop: its worker thread is interrupted, its
 * worker process killed. A stage made elsewhere is cancelled by a done callback, a turn later, as asyncio's
 * {@code wrap_future} does: the stage's own callbacks then do not run inside the call to {@code cancel}.
 *
 * <p>From the moment the foreign side holds the future until the future is done, by whichever path, it counts
 * in its loop's {@link EventLoop#foreignInFlight}: virtual time does not jump while such work may still end.
 */
final class ForeignFuture<T> extends Future<T> implements BiConsumer<T, Throwable> {
    /** The work this future started, stopped when it is cancelled; null for a stage made elsewhere. */
    private java.util.concurrent.Future<?> work;

    private ForeignFuture(EventLoop loop) {
        super(loop);
    }

    /** A future of {@code loop} that follows {@code stage}; cancelling it cancels the stage. */
    static <T> Future<T> fromStage(CompletionStage<T> stage, EventLoop loop) {
        ForeignFuture<T> f = new ForeignFuture<>(loop);
        f.inFlight();
        stage.whenComplete(f);
        f.whenDone(done -> {
            if (done.isCancelled()) {
                try {
                    stage.toCompletableFuture().cancel(true);
                } catch (UnsupportedOperationException ignored) {
                    // a stage that cannot be viewed as a CompletableFuture cannot be cancelled either
                }
            }
        });
        return f;
    }

    /** {@code toThread}: {@code fn} on the loop's default executor. */
    static <T> Future<T> toThread(EventLoop loop, Callable<T> fn) {
        return inExecutor(loop, loop.defaultExecutor.get(), fn);
    }

    /**
     * {@code runInExecutor}: {@code fn} on {@code executor}; cancelling the future interrupts the worker if it
     * has started. A {@link ProcessPoolExecutor} ships the Serializable callable itself to a worker process (a
     * FutureTask around it could not travel); cancelling then kills the worker running it, or drops it from
     * the queue.
     */
    static <T> Future<T> inExecutor(EventLoop loop, Executor executor, Callable<T> fn) {
        ForeignFuture<T> f = new ForeignFuture<>(loop);
        if (executor instanceof ProcessPoolExecutor pool) {
            CompletableFuture<T> remote = pool.submitRemote(fn);  // RejectedExecutionException now if not Serializable
            f.work = remote;
            f.inFlight();
            remote.whenComplete(f::complete);   // its exceptions are the worker's own: none to unwrap
        } else {
            Work<T> work = new Work<>(ContextScope.bindToCaller(loop, fn), f);    // in the caller's context
            f.work = work;
            executor.execute(work);             // counted only once accepted: a rejection leaves nothing in flight
            f.inFlight();
        }
        return f;
    }

    /** Work for an executor's thread that hands its outcome to the loop when it ends (or is cancelled). */
    private static final class Work<T> extends FutureTask<T> {
        private final ForeignFuture<T> to;

        Work(Callable<T> fn, ForeignFuture<T> to) {
            super(fn);
            this.to = to;
        }

        @Override
        protected void done() {
            try {
                to.complete(get(), null);
            } catch (ExecutionException e) {
                to.complete(null, e.getCause());
            } catch (CancellationException e) {
                to.complete(null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();     // cannot happen: done() runs once the outcome is set
                to.complete(null, e);
            }
        }
    }

    /** A stage's outcome: a {@link CompletionException} a dependent stage wraps its cause in is taken off. */
    @Override
    public void accept(T value, Throwable error) {
        complete(value, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
    }

    /**
     * From any thread: {@code value}, or {@code error} (a {@link CancellationException} cancels the future),
     * becomes this future's outcome on the loop's thread. Never throws: once the loop is closed, it is dropped.
     */
    void complete(T value, Throwable error) {
        try {
            loop.callSoonThreadsafe(() -> settle(value, error));
        } catch (IllegalStateException closed) {
            // the loop is gone; nobody is left to tell
        }
    }

    private void settle(T value, Throwable error) {
        if (isDone()) {
            return;
        }
        if (error == null) {
            setResult(value);
        } else if (error instanceof CancellationException) {
            cancelHere(error.getMessage());    // the foreign side is cancelled already
        } else {
            setException(error);
        }
    }

    /** The foreign side holds this future now: it counts as work in flight until the future is done. */
    private void inFlight() {
        loop.foreignInFlight++;
    }

    /** Done, whichever way: the loop waits for the foreign side no longer. Once, as a future is done once. */
    private void ended() {
        if (loop.foreignInFlight > 0) {
            loop.foreignInFlight--;
        }
    }

    @Override
    public void setResult(T value) {
        super.setResult(value);
        ended();
    }

    @Override
    public void setException(Throwable error) {
        super.setException(error);
        ended();
    }

    @Override
    public boolean cancel(String msg) {
        boolean cancelled = cancelHere(msg);
        if (cancelled && work != null) {
            work.cancel(true);
        }
        return cancelled;
    }

    private boolean cancelHere(String msg) {
        boolean cancelled = super.cancel(msg);
        if (cancelled) {
            ended();
        }
        return cancelled;
    }
}
