package org.awaitj;

import org.awaitj.internal.CoroutineSupport;


import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/** {@code AsyncIO.wait}: waits until the condition {@link ReturnWhen} names, or the timeout; cancels nothing. */
final class Wait<T> extends Coroutine<WaitResult<T>> {
    private final Collection<? extends Awaitable<? extends T>> awaitables;
    private final ReturnWhen when;
    private final double timeout;
    private Set<Future<T>> futures;
    private Future<Void> waiter;
    private Handle timer;
    private Consumer<Future<T>> onCompletion;
    private int counter;

    private Wait(Collection<? extends Awaitable<? extends T>> awaitables, ReturnWhen when, double timeout) {
        this.awaitables = awaitables;
        this.when = when;
        this.timeout = timeout;
    }

    /** Refuses an empty collection before any coroutine exists (see {@link Sleep#of}). */
    static <T> Wait<T> of(Collection<? extends Awaitable<? extends T>> awaitables, ReturnWhen when, double timeout) {
        if (awaitables.isEmpty()) {
            throw new IllegalArgumentException("wait: the collection of awaitables is empty");
        }
        return new Wait<>(awaitables, when, timeout);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object invokeSuspend() {
        if (waiter == null) {
            EventLoop loop = task().loop;
            futures = new LinkedHashSet<>();
            for (Awaitable<? extends T> a : awaitables) {
                futures.add((Future<T>) Awaiting.ensureFuture(loop, a));
            }
            waiter = loop.createFuture();
            counter = futures.size();
            if (!Double.isInfinite(timeout)) {
                timer = loop.callLater(timeout, this::release);
            }
            onCompletion = f -> {
                counter--;
                if (counter <= 0 || when == ReturnWhen.FIRST_COMPLETED
                        || (when == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null)) {
                    release();
                }
            };
            for (Future<T> f : futures) {
                f.addDoneCallback(onCompletion);
            }
            Object r = Awaiting.awaitFuture(waiter, this);
            if (r == CoroutineSupport.SUSPENDED) {
                return r;
            }
        } else {
            try {
                Awaiting.resumeValue(this);
            } finally {
                cleanUp();
            }
        }
        cleanUp();
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : futures) {
            (f.isDone() ? done : pending).add(f);
        }
        return complete(new WaitResult<>(done, pending));
    }

    private void release() {
        if (!waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    private void cleanUp() {
        if (timer != null) {
            timer.cancel();
        }
        for (Future<T> f : futures) {
            f.removeDoneCallback(onCompletion);
        }
    }
}
