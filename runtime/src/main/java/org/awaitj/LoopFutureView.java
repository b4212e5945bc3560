package org.awaitj;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one view of a loop's future for other threads ({@link Future#toCompletableFuture()},
 * {@code runCoroutineThreadsafe}): a {@link CompletableFuture} completed on the loop's thread like the future
 * it follows, and whose {@code cancel} cancels that future on its loop. Cancelling the view once the loop is
 * closed cancels the view only: nothing is left to cancel.
 */
final class LoopFutureView<T> extends CompletableFuture<T> {
    /** Stands in {@link #followed} once the view is cancelled. */
    private static final Object CANCELLED = new Object();

    private final EventLoop loop;
    /** null until the followed future is known (a threadsafe coroutine's task is made on the loop), then it. */
    private final AtomicReference<Object> followed = new AtomicReference<>();

    private LoopFutureView(EventLoop loop) {
        this.loop = loop;
    }

    /** {@link Future#toCompletableFuture()}; on the future's loop thread. */
    static <T> CompletableFuture<T> of(Future<T> f) {
        LoopFutureView<T> view = new LoopFutureView<>(f.loop);
        view.follow(f);
        return view;
    }

    /** {@code runCoroutineThreadsafe}: from any thread, {@code coro} becomes a task of {@code loop}, which the view follows. */
    static <T> CompletableFuture<T> ofCoroutine(Coroutine<T> coro, EventLoop loop) {
        LoopFutureView<T> view = new LoopFutureView<>(loop);
        NeverAwaited.handedOff(coro);       // started by that loop, later: not forgotten by this one
        loop.callSoonThreadsafe(() -> {
            Task<T> t;
            try {
                t = loop.createTask(coro);
            } catch (RuntimeException e) {
                view.completeExceptionally(e);
                return;
            }
            view.follow(t);
        });
        return view;
    }

    /** On the loop's thread: the view completes as {@code f} does; a view cancelled already cancels it. */
    private void follow(Future<T> f) {
        if (!followed.compareAndSet(null, f)) {
            f.cancel();
        }
        f.whenDone(this::copy);
    }

    private void copy(Future<T> f) {
        if (f.isCancelled()) {
            super.cancel(false);
            return;
        }
        Throwable e = f.exception();
        if (e != null) {
            completeExceptionally(e);
        } else {
            complete(f.result());
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && followed.getAndSet(CANCELLED) instanceof Future<?> f) {
            try {
                loop.callSoonThreadsafe(f::cancel);
            } catch (IllegalStateException closed) {
                // the loop is gone, and the future with it
            }
        }
        return cancelled;
    }
}
