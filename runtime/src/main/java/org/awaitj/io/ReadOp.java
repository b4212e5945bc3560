package org.awaitj.io;

import java.io.IOException;

import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.internal.CoroutineSupport;

/**
 * A read of a {@link StreamReader} as a hand-written coroutine: it runs its attempt at its start and after each
 * wake-up, and waits for data between, until the buffer satisfies it. Each read method is a subclass with its
 * own attempt (its result, or {@link #WAIT}). The agent's direct entries beside the read methods
 * ({@code await(reader.read(n))} and the like) run the first attempt themselves, and make the coroutine only
 * when it says WAIT.
 */
abstract class ReadOp<T> extends Coroutine<T> {
    /** Marker: the attempt found too little; wait for data and try again. */
    static final Object WAIT = new Object();

    private final StreamReader reader;
    private final String name;
    private Future<Void> myWaiter;

    ReadOp(StreamReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    /** The result, or {@link #WAIT}; may throw. The connection has not failed. */
    abstract Object attempt() throws IOException;

    @Override
    protected final Object invokeSuspend() {
        Future<Void> w = myWaiter;
        if (w != null) {
            if (reader.waiter == w) {
                reader.waiter = null;
            }
            myWaiter = null;
            CoroutineSupport.resumeValue(this);     // a cancellation, or the connection's error
            reader.spareWaiter = w;     // woken, and resumed from: nothing holds it any more
        } else {
            reader.buffer().restartSearch();
        }
        Throwable failed = reader.exception();
        if (failed != null) {
            throw CoroutineSupport.sneakyThrow(failed);     // the connection failed: every read throws
        }
        Object r;
        try {
            r = attempt();
        } catch (IOException e) {
            throw CoroutineSupport.sneakyThrow(e);
        }
        if (r != WAIT) {
            return complete(r);
        }
        myWaiter = reader.newWaiter(name, CoroutineSupport.loop(this));
        return CoroutineSupport.awaitFuture(myWaiter, this);
    }

    @Override
    protected String describe() {
        return "StreamReader." + name;
    }
}
