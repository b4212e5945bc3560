package org.awaitj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import javax.net.ssl.SSLContext;

import org.awaitj.io.ConnectionHandler;
import org.awaitj.io.Server;

/**
 * Every core: a group of event loops, each the single-threaded {@link EventLoop} of the rest of awaitj on a
 * thread of its own (Netty's event loop group, Vert.x's instances). Work is spread over the loops, and what
 * one loop starts stays on it: a connection, a task, a future, a queue or lock belong to one loop for their
 * whole life. Between loops only thread-safe things travel: {@link CompletableFuture}s (any loop may await
 * one, and resumes on its own thread) and {@link AsyncIO#runCoroutineThreadsafe}.
 *
 * <pre>{@code
 * try (LoopGroup group = new LoopGroup()) {
 *     Server server = group.startServer((r, w) -> serve(r, w), "0.0.0.0", 8080);
 *     group.submit(housekeeping()).join();
 * }   // stops accepting, cancels every loop's tasks, lets them finish, joins the threads
 * }</pre>
 *
 * <p>A loop that dies (its thread ends with an error, or something stopped it) fails the group loudly: it is
 * logged at ERROR at once, the submissions still pending on it fail with that error, the group refuses new
 * work, and {@link #close()} throws it once the other loops are shut down.
 */
public final class LoopGroup implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    private static final AtomicInteger GROUPS = new AtomicInteger();
    /** Rounds of cancellation at close: a task cancelled in one may start others in its finally blocks. */
    private static final int SHUTDOWN_ROUNDS = 10;

    private final int id = GROUPS.incrementAndGet();
    private final EventLoop[] loops;
    private final Thread[] threads;
    /** Per loop, the futures of what {@link #submit} sent there and that are not done yet. */
    private final List<Set<CompletableFuture<?>>> inFlight = new ArrayList<>();
    /** 1 for a loop that died. */
    private final AtomicIntegerArray dead;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Server> servers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The first loop death, with any later ones suppressed in it. */
    private volatile IllegalStateException failure;

    /** One loop per available processor. */
    public LoopGroup() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** {@code loops} event loops, each on a thread of its own, started now. */
    public LoopGroup(int loops) {
        this(loops, false);
    }

    private LoopGroup(int n, boolean virtualTime) {
        if (n < 1) {
            throw new IllegalArgumentException("a LoopGroup needs at least one loop, got " + n);
        }
        loops = new EventLoop[n];
        threads = new Thread[n];
        dead = new AtomicIntegerArray(n);
        for (int i = 0; i < n; i++) {
            loops[i] = virtualTime ? EventLoop.withVirtualTime() : new EventLoop();
            inFlight.add(ConcurrentHashMap.newKeySet());
            int index = i;
            // not daemons: a server keeps the JVM up after main returns, as Netty's loops do, until close()
            threads[i] = new Thread(() -> runLoop(index), "awaitj-loop-" + id + "-" + i);
        }
        for (Thread t : threads) {
            t.start();
        }
    }

    /** A group whose loops run on virtual time ({@link EventLoop#withVirtualTime()}), for tests. */
    public static LoopGroup withVirtualTime(int loops) {
        return new LoopGroup(loops, true);
    }

    private void runLoop(int i) {
        EventLoop loop = loops[i];
        Throwable died = null;
        try {
            loop.runForever();
            if (!closing.get()) {
                died = new IllegalStateException("it was stopped: the loops of a LoopGroup run until the group is closed");
            }
            shutDown(loop);
        } catch (Throwable e) {
            died = died != null ? died : e;
        } finally {
            if (died != null) {
                dead.set(i, 1);
            }
            loop.close();       // closes what the loop still watches: its listening sockets leave the kernel's balancing
            if (died != null) {
                died(i, died);
            } else {
                for (CompletableFuture<?> f : inFlight.get(i)) {     // submitted as the group closed: never ran
                    f.completeExceptionally(new CancellationException("the LoopGroup closed before it ran"));
                }
            }
        }
    }

    /** asyncio.run's ending, for each loop: every task is cancelled and may finish its finally blocks. */
    private static void shutDown(EventLoop loop) {
        for (int round = 0; round < SHUTDOWN_ROUNDS; round++) {
            List<Task<?>> left = List.copyOf(loop.tasks.all());
            if (left.isEmpty()) {
                break;
            }
            left.forEach(Task::cancel);
            for (Object outcome : loop.runUntilComplete(Gather.<Object>of(loop, true, left))) {
                if (outcome instanceof Throwable e && !(e instanceof CancellationException)) {
                    LOG.log(System.Logger.Level.ERROR, "a task failed while its LoopGroup was closing", e);
                }
            }
        }
        Runner.finishShutdown(loop);        // the connections those tasks closed finish closing too
    }

    private void died(int i, Throwable cause) {
        IllegalStateException e = new IllegalStateException("event loop " + i + " of " + this + " died: " + cause, cause);
        synchronized (this) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        LOG.log(System.Logger.Level.ERROR, e.getMessage() + "; the group refuses new work, close() will throw", cause);
        for (CompletableFuture<?> f : inFlight.get(i)) {
            f.completeExceptionally(e);
        }
    }

    /** How many loops the group has. */
    public int size() {
        return loops.length;
    }

    /** The group's loops, in order: for {@link AsyncIO#runCoroutineThreadsafe} on a chosen one. */
    public List<EventLoop> loops() {
        return List.of(loops);
    }

    /** The next loop in turn, as {@link #submit} picks them. */
    public EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /**
     * Runs {@code coro} as a task on the next loop in turn; the future completes with its result, or fails
     * with its exception (a cancellation when the group closes first). Cancelling the future cancels the task.
     *
     * @throws IllegalStateException if the group is closed, or failed
     */
    public <T> CompletableFuture<T> submit(Coroutine<T> coro) {
        Objects.requireNonNull(coro, "submit(null): pass the coroutine object, as in submit(work())");
        checkUsable();
        int i = Math.floorMod(next.getAndIncrement(), loops.length);
        CompletableFuture<T> f;
        try {
            f = AsyncIO.runCoroutineThreadsafe(coro, loops[i]);
        } catch (IllegalStateException loopClosed) {
            checkUsable();
            throw loopClosed;
        }
        Set<CompletableFuture<?>> pending = inFlight.get(i);
        pending.add(f);
        f.whenComplete((v, e) -> pending.remove(f));
        if (dead.get(i) != 0) {      // it died between the post and now: died() may not have seen f
            f.completeExceptionally(failure);
        }
        return f;
    }

    /**
     * Serves {@code host:port} (port 0 picks a free one; host null is every interface) from every loop:
     * each connection runs {@code handler} as a task on one loop, which it keeps for its whole life. Where the
     * kernel balances {@code SO_REUSEPORT} (Linux), each loop listens on its own socket; elsewhere one loop
     * accepts and hands connections round-robin to the loops ({@link Server#toString()} says which). Returns
     * once every loop listens. The server may be used from any thread; closing the group closes it.
     *
     * @throws IllegalStateException if called on an event loop's thread (it waits for the loops), or if the
     *     group is closed or failed
     */
    public Server startServer(ConnectionHandler handler, String host, int port) throws IOException {
        return startServer(handler, host, port, null);
    }

    /** {@link #startServer(ConnectionHandler, String, int)} over TLS ({@code ssl} null: plain TCP). */
    public Server startServer(ConnectionHandler handler, String host, int port, SSLContext ssl) throws IOException {
        if (RunningLoop.get() != null) {
            throw new IllegalStateException("LoopGroup.startServer waits until every loop listens: call it from "
                    + "a thread that runs no event loop (main, say), or with toThread(...)");
        }
        checkUsable();
        Server server = Server.startOnLoops(loops(), handler, host, port, ssl);
        servers.add(server);
        return server;
    }

    /** Turns debug mode on or off on every loop, each on its own thread, before what is submitted next. */
    public void setDebug(boolean debug) {
        for (EventLoop loop : loops) {
            loop.callSoonThreadsafe(() -> loop.setDebug(debug));
        }
    }

    private void checkUsable() {
        IllegalStateException f = failure;
        if (f != null) {
            throw new IllegalStateException("this LoopGroup failed: " + f.getMessage(), f);
        }
        if (closing.get()) {
            throw new IllegalStateException("this LoopGroup is closed");
        }
    }

    /**
     * Closes the group: its servers stop accepting (on every loop, before anything else), then each loop
     * cancels its tasks, lets them run their finally blocks, waits for its default executor, and ends; this
     * returns when every thread has. A second call waits the same way.
     *
     * @throws IllegalStateException with the cause, if a loop died; if called on a loop of the group
     */
    @Override
    public void close() {
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                throw new IllegalStateException("close() on a loop of the group would wait for itself: close the "
                        + "group from a thread of its own");
            }
        }
        if (closing.compareAndSet(false, true)) {
            for (Server s : servers) {
                s.close();      // waits until every loop stopped listening
            }
            for (EventLoop loop : loops) {
                try {
                    loop.callSoonThreadsafe(loop::stop);
                } catch (IllegalStateException loopClosed) {
                    // it died: runLoop reported it
                }
            }
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;     // the loops are ending: wait for them, then restore the flag
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        IllegalStateException f = failure;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public String toString() {
        return "<LoopGroup " + id + " loops=" + loops.length + (closing.get() ? " closed" : "")
                + (failure != null ? " failed" : "") + ">";
    }
}
