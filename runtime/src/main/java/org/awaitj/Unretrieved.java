package org.awaitj;

import java.lang.ref.Cleaner;

/**
 * A failed future's exception that nobody has looked at yet, asyncio's "exception was never retrieved". It is
 * reported once: when the future's loop closes (the end of {@code AsyncIO.run}) if it is still unretrieved, or
 * earlier if the future is collected first (a backstop for loops that are never closed). Only failed futures
 * pay for it, and always, as in Python.
 */
final class Unretrieved implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "awaitj-unretrieved-cleaner");
        t.setDaemon(true);
        return t;
    });

    final Throwable error;
    private final Ledger ledger;
    String what;
    /** Retrieved, or reported: nothing more to say. */
    private volatile boolean settled;
    /** Someone looked at the exception: what a test's recording asks (reported or not). */
    volatile boolean retrieved;
    private Unretrieved prev;
    private Unretrieved next;

    /** The exception of a future of {@code loop}; watched once the future is done ({@link #watch}). */
    Unretrieved(Throwable error, EventLoop loop) {
        this.error = error;
        this.ledger = loop.unretrieved;
    }

    /** Once the future is done: describes it as it is now, and watches it (its loop's ledger, and the collector). */
    void watch(Future<?> f) {
        what = (f instanceof Task<?> ? "Task" : "Future") + " exception was never retrieved: " + f;
        ledger.link(this);
        CLEANER.register(f, this);
        if (Debug.tracking) {
            DebugRecording.failed(this);
        }
    }

    /** Someone looked at the exception. */
    void retrieved() {
        retrieved = true;
        if (!settled) {
            ledger.settle(this, false);
        }
    }

    /** The future was collected. */
    @Override
    public void run() {
        ledger.settle(this, true);
    }

    /**
     * The unretrieved failures of one loop, in a list threaded through them so that retrieving one unlinks it
     * at once. Locked because the collector's thread settles them too; only failure paths get here.
     */
    static final class Ledger {
        private Unretrieved first;

        private synchronized void link(Unretrieved u) {
            u.next = first;
            if (first != null) {
                first.prev = u;
            }
            first = u;
        }

        private void settle(Unretrieved u, boolean report) {
            synchronized (this) {
                if (u.settled) {
                    return;
                }
                u.settled = true;
                unlink(u);
            }
            if (report) {
                Debug.LOG.log(System.Logger.Level.ERROR, u.what, u.error);
            }
        }

        private void unlink(Unretrieved u) {
            if (u.prev == null) {
                first = u.next;
            } else {
                u.prev.next = u.next;
            }
            if (u.next != null) {
                u.next.prev = u.prev;
            }
            u.prev = null;
            u.next = null;
        }

        /** The loop closes: nobody can retrieve these any more. Oldest first. */
        void reportAll() {
            java.util.ArrayList<Unretrieved> all = new java.util.ArrayList<>();
            synchronized (this) {
                for (Unretrieved u = first; u != null; u = u.next) {
                    u.settled = true;
                    all.add(u);
                }
                for (Unretrieved u : all) {
                    u.prev = null;
                    u.next = null;
                }
                first = null;
            }
            for (int i = all.size() - 1; i >= 0; i--) {
                Debug.LOG.log(System.Logger.Level.ERROR, all.get(i).what, all.get(i).error);
            }
        }
    }
}
