package org.awaitj;

import org.awaitj.internal.CoroutineSupport;


import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * {@code AsyncIO.waitFor}: awaits an awaitable with a deadline. On expiry the inner awaitable is cancelled,
 * its cancellation awaited (a task may run {@code finally} blocks first), and {@link TimeoutException}
 * thrown; if it returned a value despite the cancellation, that value is the result.
 */
final class WaitFor<T> extends Coroutine<T> {
    private final Awaitable<T> awaitable;
    private final double seconds;
    private Handle timer;
    private boolean expired;
    private int cancelling;
    private boolean waiting;

    WaitFor(Awaitable<T> awaitable, double seconds) {
        this.awaitable = awaitable;
        this.seconds = seconds;
    }

    @Override
    protected Object invokeSuspend() {
        Task<?> t = task();
        Object r;
        if (!waiting) {
            EventLoop loop = t.loop;
            Future<T> inner = Awaiting.ensureFuture(loop, awaitable);
            cancelling = t.cancelling();
            if (seconds <= 0 && !inner.isDone()) {
                expire();
            } else if (!Double.isInfinite(seconds)) {
                timer = loop.callLater(seconds, this::expire);
            }
            try {
                r = Awaiting.awaitFuture(inner, this);
            } catch (CancellationException e) {
                throw timedOut(e);
            }
            if (r == CoroutineSupport.SUSPENDED) {
                waiting = true;
                return r;
            }
        } else {
            try {
                r = Awaiting.resumeValue(this);
            } catch (CancellationException e) {
                throw timedOut(e);
            }
        }
        if (timer != null) {
            timer.cancel();
        }
        if (expired) {
            task().uncancel();
        }
        return complete(r);
    }

    private void expire() {
        expired = true;
        task().cancel();
    }

    private RuntimeException timedOut(CancellationException e) {
        if (timer != null) {
            timer.cancel();
        }
        if (expired && task().uncancel() <= cancelling) {
            TimeoutException t = new TimeoutException(describe() + " expired after " + seconds + " seconds"
                    + (caller != null ? ", awaited at " + caller.stackTraceElement() : ""));
            t.initCause(e);
            return CoroutineSupport.sneakyThrow(t);
        }
        return e;
    }

    @Override
    protected String describe() {
        String what = awaitable instanceof Coroutine<?> c ? c.describe()
                : awaitable instanceof Task<?> t ? "task '" + t.getName() + "'" : String.valueOf(awaitable);
        return "waitFor(" + what + ", " + seconds + ")";
    }
}
