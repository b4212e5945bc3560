package org.awaitj;


/**
 * A callback scheduled on an event loop by {@code callSoon}, {@code callLater} or {@code callAt}: cancel it
 * and it will not run. Timer handles also carry the loop time they are due at. The callback runs in the
 * context current when it was scheduled ({@link ContextVar}); what it sets is dropped when it returns.
 */
public final class Handle implements Comparable<Handle> {
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    /** A Runnable, or a Task to wake (the loop's own timers, which need no extra object). */
    final Object callback;
    /** Loop time the callback is due at; NaN for a callback that is ready now. */
    final double when;
    /** Orders timers due at the same time by when they were scheduled (FIFO). */
    final long seq;
    private boolean cancelled;
    /** The context the callback runs in: the one current when it was scheduled, if not empty. */
    Context context;

    Handle(Object callback, double when, long seq) {
        this.callback = callback;
        this.when = when;
        this.seq = seq;
    }

    /**
     * Runs the callback (a Runnable) unless the handle is cancelled, like asyncio's {@code Handle._run}: an
     * exception it throws is logged, and the loop goes on.
     */
    void run(EventLoop loop) {
        if (cancelled) {
            return;
        }
        if (context != null) {
            loop.callbackScope = new ContextScope(context);
        }
        try {
            ((Runnable) callback).run();
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "Exception in callback " + callback, e);
        } finally {
            loop.callbackScope = null;      // what the callback set is dropped with it
        }
    }

    /** {@code h}, to run in the context current now on {@code loop} (kept only when not empty). */
    static Handle inCurrentContext(Handle h, EventLoop loop) {
        h.context = ContextScope.captureOrNull(loop);
        return h;
    }

    /** The callback will not run; cancelling twice, or after it ran, does nothing. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** The loop time a timer is due at, in seconds; NaN for {@code callSoon} handles. */
    public double when() {
        return when;
    }

    @Override
    public int compareTo(Handle o) {
        int c = Double.compare(when, o.when);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return "<Handle " + callback + (Double.isNaN(when) ? "" : " when=" + when) + (cancelled ? " cancelled" : "") + ">";
    }
}
