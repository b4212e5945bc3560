package org.awaitj;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A single-threaded event loop, like asyncio's: a FIFO ready queue of callbacks and task steps, a timer heap
 * keyed by the loop's monotonic clock, and an inbox through which other threads hand it callbacks.
 *
 * <p>One iteration waits for the inbox until the next timer is due (not at all when something is ready),
 * moves the due timers to the ready queue, then runs exactly the entries that were ready when the iteration
 * began: what they schedule waits for the next turn, which is what makes {@code sleep(0)} fair.
 *
 * <p>A loop on virtual time ({@link #withVirtualTime()}) never sleeps for a timer: when nothing is ready it
 * jumps its clock to the next timer, so tests see exact times and run instantly.
 */
public final class EventLoop {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

    private Object[] ready = new Object[64];
    private int readyHead;
    private int readySize;
    private final PriorityQueue<Handle> timers = new PriorityQueue<>();
    private long timerSeq;
    private final ConcurrentLinkedQueue<Handle> inbox = new ConcurrentLinkedQueue<>();
    private volatile boolean sleeping;
    private volatile Thread thread;
    private boolean stopping;
    private boolean closed;
    private boolean debug = Boolean.getBoolean("awaitj.debug");
    private double slowCallbackDuration = 0.1;
    private final boolean virtualTime;
    private double virtualNow;
    private final long originNanos = System.nanoTime();
    private Task<?> currentTask;
    /** Strong references to every pending task, so an unreferenced task is never collected mid-flight. */
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private ExecutorService defaultExecutor;

    /** A loop on the system's monotonic clock. */
    public EventLoop() {
        this(false);
    }

    private EventLoop(boolean virtualTime) {
        this.virtualTime = virtualTime;
    }

    /** A loop on virtual time: timers fire as soon as nothing else is ready, and {@link #time()} jumps to them. */
    public static EventLoop withVirtualTime() {
        return new EventLoop(true);
    }

    /** The loop running on the calling thread, or null. */
    static EventLoop running() {
        return RUNNING.get();
    }

    /** The loop's monotonic clock, in seconds. */
    public double time() {
        return virtualTime ? virtualNow : (System.nanoTime() - originNanos) / 1e9;
    }

    /** Schedules a callback to run on a later turn of the loop, after those already ready. */
    public Handle callSoon(Runnable callback) {
        checkOpen();
        Handle h = new Handle(callback, Double.NaN, 0);
        readyAdd(h);
        return h;
    }

    /** Schedules a callback {@code delay} seconds from now. */
    public Handle callLater(double delay, Runnable callback) {
        return callAt(time() + delay, callback);
    }

    /** Schedules a callback at loop time {@code when} ({@link #time()}'s clock). */
    public Handle callAt(double when, Runnable callback) {
        checkOpen();
        Handle h = new Handle(callback, when, timerSeq++);
        timers.add(h);
        return h;
    }

    /** Wakes {@code task} at loop time {@code when}: the loop's own timers, used by {@code sleep}. */
    Handle wakeAt(double when, Task<?> task) {
        checkOpen();
        Handle h = new Handle(task, when, timerSeq++);
        timers.add(h);
        return h;
    }

    /** The one loop method other threads may call: schedules a callback and wakes the loop if it sleeps. */
    public Handle callSoonThreadsafe(Runnable callback) {
        checkOpen();
        Handle h = new Handle(callback, Double.NaN, 0);
        inbox.add(h);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        return h;
    }

    /** A new pending future bound to this loop. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /** Wraps a coroutine in a task scheduled on this loop. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /** Wraps a coroutine in a named task scheduled on this loop. */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        checkOpen();
        return new Task<>(this, coro, name);
    }

    /**
     * Runs the loop until the awaitable is done and returns its result, or throws its exception unchanged.
     * A coroutine is wrapped in a task first.
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        Future<T> f = ensureFuture(awaitable);
        Thread previous = enter();
        try {
            while (!f.isDone()) {
                runOnce();
            }
        } finally {
            exit(previous);
        }
        return f.result();
    }

    /** Runs what is ready now, and what that makes ready, until nothing is (bounded, in case it never ends). */
    void runReadyCallbacks() {
        Thread previous = enter();
        try {
            for (int turns = 0; turns < 1000 && (readySize > 0 || !inbox.isEmpty()); turns++) {
                runOnce();
            }
        } finally {
            exit(previous);
        }
    }

    /** Runs the loop until {@link #stop()} is called. */
    public void runForever() {
        Thread previous = enter();
        try {
            while (!stopping) {
                runOnce();
            }
        } finally {
            stopping = false;
            exit(previous);
        }
    }

    /** Makes {@link #runForever()} return after the current iteration. */
    public void stop() {
        stopping = true;
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    public boolean isRunning() {
        return thread != null;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Discards every pending callback and shuts the default executor down; the loop cannot run again. */
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("cannot close a running event loop: stop it first");
        }
        if (closed) {
            return;
        }
        closed = true;
        readySize = 0;
        ready = new Object[0];
        timers.clear();
        inbox.clear();
        if (defaultExecutor != null) {
            defaultExecutor.shutdown();
        }
    }

    public boolean getDebug() {
        return debug;
    }

    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    /** In debug mode, a step or callback that holds the loop longer than this many seconds is reported. */
    public void setSlowCallbackDuration(double seconds) {
        this.slowCallbackDuration = seconds;
    }

    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    /** The task whose step is running, or null. */
    Task<?> currentTask() {
        return currentTask;
    }

    /** Every task of this loop that is not done yet. */
    Set<Task<?>> allTasks() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(tasks));
    }

    /** The pool {@code toThread} runs on: daemon threads, asyncio's size (min(32, cores + 4)). */
    synchronized ExecutorService defaultExecutor() {
        if (defaultExecutor == null) {
            checkOpen();
            int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 10, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "awaitj-default-executor-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            defaultExecutor = pool;
        }
        return defaultExecutor;
    }

    /** Waits for the default executor's threads to finish their work, as {@code asyncio.run} does on exit. */
    void shutdownDefaultExecutor() {
        ExecutorService pool;
        synchronized (this) {
            pool = defaultExecutor;
        }
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(300, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "the default executor did not finish its work within 300 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Coroutine<T> c) {
            return createTask(c);
        }
        if (awaitable instanceof Future<T> f) {
            if (f.loop != this) {
                throw new IllegalArgumentException(f + " belongs to another event loop");
            }
            return f;
        }
        if (awaitable instanceof CoroutineSupport.AwaitableAdapter<?> a) {
            return ensureFuture((Awaitable<T>) a.delegate());
        }
        throw new IllegalArgumentException("cannot run " + awaitable + ": expected a Coroutine, Task or Future");
    }

    // ---- internals used by futures and tasks ----

    void readyAdd(Object entry) {
        Object[] q = ready;
        if (readySize == q.length) {
            if (closed) {
                throw new IllegalStateException("the event loop is closed");
            }
            q = growReady();
        }
        q[(readyHead + readySize) & (q.length - 1)] = entry;
        readySize++;
    }

    private Object[] growReady() {
        Object[] old = ready;
        Object[] q = new Object[old.length * 2];
        for (int i = 0; i < readySize; i++) {
            q[i] = old[(readyHead + i) & (old.length - 1)];
        }
        readyHead = 0;
        ready = q;
        return q;
    }

    private Object readyPoll() {
        Object[] q = ready;
        Object e = q[readyHead];
        q[readyHead] = null;
        readyHead = (readyHead + 1) & (q.length - 1);
        readySize--;
        return e;
    }

    Task<?> enterTask(Task<?> task) {
        Task<?> previous = currentTask;
        currentTask = task;
        return previous;
    }

    void leaveTask(Task<?> previous) {
        currentTask = previous;
    }

    void taskCreated(Task<?> task) {
        tasks.add(task);
    }

    void taskDone(Task<?> task) {
        tasks.remove(task);
    }

    private void runOnce() {
        waitForEvents();
        double now = time();
        while (!timers.isEmpty() && timers.peek().when <= now) {
            Handle h = timers.poll();
            if (!h.isCancelled()) {
                if (h.callback instanceof Task<?> t) {
                    readyAdd(t);
                } else {
                    readyAdd(h);
                }
            }
        }
        for (int n = readySize; n > 0; n--) {
            Object e = readyPoll();
            if (e instanceof Task<?> t) {
                t.step();
            } else {
                runHandle((Handle) e);
            }
        }
    }

    private void runHandle(Handle h) {
        if (h.isCancelled()) {
            return;
        }
        try {
            ((Runnable) h.callback).run();
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "Exception in callback " + h.callback, e);
        }
    }

    /** Blocks until the inbox has something or the next timer is due; not at all when something is ready. */
    private void waitForEvents() {
        drainInbox();
        if (readySize > 0 || stopping) {
            return;
        }
        dropCancelledTimers();
        Handle next = timers.peek();
        if (virtualTime && next != null) {
            virtualNow = Math.max(virtualNow, next.when);
            return;
        }
        sleeping = true;
        try {
            if (inbox.isEmpty() && !stopping) {
                if (next == null) {
                    LockSupport.park(this);
                } else {
                    long nanos = (long) Math.ceil((next.when - time()) * 1e9);
                    if (nanos > 0) {
                        LockSupport.parkNanos(this, nanos);
                    }
                }
            }
        } finally {
            sleeping = false;
        }
        drainInbox();
    }

    private void dropCancelledTimers() {
        while (!timers.isEmpty() && timers.peek().isCancelled()) {
            timers.poll();
        }
    }

    private void drainInbox() {
        Handle h;
        while ((h = inbox.poll()) != null) {
            readyAdd(h);
        }
    }

    private Thread enter() {
        checkOpen();
        if (thread != null) {
            throw new IllegalStateException("this event loop is already running");
        }
        EventLoop other = RUNNING.get();
        if (other != null) {
            throw new IllegalStateException("another event loop is running on this thread: "
                    + "await the work from there instead of starting a nested loop");
        }
        thread = Thread.currentThread();
        RUNNING.set(this);
        return null;
    }

    private void exit(Thread previous) {
        RUNNING.remove();
        thread = previous;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}
