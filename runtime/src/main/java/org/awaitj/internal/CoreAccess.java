package org.awaitj.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

import org.awaitj.AsyncCloseable;
import org.awaitj.Awaitable;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.Task;

/**
 * What the core package lets the other awaitj packages do with its package-private state, the way the JDK's
 * {@code SharedSecrets} do: the core installs the one implementation when {@link Coroutine} initialises, and
 * {@link CoroutineSupport} holds it in a constant, so that the JIT inlines every call through it.
 */
@InternalApi
public abstract class CoreAccess {
    private static volatile CoreAccess installed;

    protected CoreAccess() {
    }

    /** Called once, by the core. */
    public static void install(CoreAccess access) {
        if (installed != null) {
            throw new IllegalStateException("the awaitj core is installed already");
        }
        installed = access;
    }

    static CoreAccess get() {
        CoreAccess a = installed;
        if (a == null) {
            try {
                // initialising Coroutine installs the core
                Class.forName(Coroutine.class.getName(), true, Coroutine.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new LinkageError("the awaitj core cannot be loaded", e);
            }
            a = installed;
        }
        return a;
    }

    public abstract Object await(Object awaitable, Coroutine<?> frame);

    public abstract Object awaitCoroutine(Coroutine<?> c, Coroutine<?> frame);

    public abstract Object awaitFuture(Future<?> f, Coroutine<?> frame);

    public abstract Object resumeValue(Coroutine<?> frame);

    /** A waiter future that woke its task, which resumed: pending again, for the next wait. */
    public abstract void reuseWaiter(Future<Void> waiter);

    public abstract int fusedDepth(Coroutine<?> frame);

    public abstract Object fusedAwait(Object awaitable, Coroutine<?> anchor, int depth);

    public abstract Object fusedAwaitDeep(Coroutine<?> c, Coroutine<?> anchor);

    public abstract void fusedAdopt(Coroutine<?> frame, Coroutine<?> anchor);

    public abstract Coroutine<Object> result(Object value, Coroutine<?> frame);

    public abstract Task<?> taskOf(Coroutine<?> frame);

    public abstract void blockingCall(String call, String where);

    public abstract void discarded(Object value, String where);

    public abstract void kept(Object value, String where);

    public abstract Awaitable<Throwable> exitAsync(AsyncCloseable resource, Throwable primary);

    public abstract <T> Future<T> fromStage(CompletionStage<T> stage, EventLoop loop);

    public abstract ExecutorService defaultExecutor(EventLoop loop);

    public abstract ByteBuffer ioBuffer(EventLoop loop);

    /** Lets the loop's selector drop the keys of closed channels now, so that their sockets are closed when this returns. */
    public abstract void releaseClosedChannels(EventLoop loop);

    /** Lets a coroutine that delivered its result be awaited again: an async generator's frame, per element. */
    public abstract void rearm(Coroutine<?> c);

    /** A generator's body started, in the task {@code frame} runs in: its loop closes it at shutdown unless it ends. */
    public abstract void generatorStarted(Coroutine<?> frame);

    /** A generator ended (finished, failed or closed). */
    public abstract void generatorDone(Coroutine<?> frame);
}
