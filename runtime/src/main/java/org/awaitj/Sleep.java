package org.awaitj;

import org.awaitj.internal.CoroutineSupport;


/** {@code AsyncIO.sleep}: suspends the awaiting task on a loop timer, or for one turn when the delay is 0. */
final class Sleep<T> extends Coroutine<T> {
    /**
     * What {@code sleep(0)} returns: one shared object, which {@code await} recognizes and turns into a yield
     * of the awaiting task without starting it, so yielding allocates nothing.
     */
    static final Sleep<Void> YIELD = new Sleep<>(0, null);

    private final double delay;
    private final T value;
    private boolean suspended;

    private Sleep(double delay, T value) {
        this.delay = delay;
        this.value = value;
    }

    /** Refuses a bad delay before any coroutine exists: debug mode would report the refused one as never awaited. */
    static <T> Sleep<T> of(double delay, T value) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("sleep(NaN): the delay must be a number of seconds");
        }
        return new Sleep<>(delay, value);
    }

    @Override
    protected Object invokeSuspend() {
        if (!suspended) {
            suspended = true;
            Task<?> t = task();
            if (delay <= 0) {
                t.yieldOnce(this);
            } else {
                EventLoop loop = t.loop;
                t.suspendOn(loop.timers.add(loop.time() + delay, t), this);
            }
            return CoroutineSupport.SUSPENDED;
        }
        Awaiting.resumeValue(this);     // throws CancellationException if cancelled meanwhile
        return complete(value);
    }

    @Override
    protected String describe() {
        return "AsyncIO.sleep(" + delay + ")";
    }
}
