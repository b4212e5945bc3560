package org.awaitj;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
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

/**
 * A single-threaded event loop, like asyncio's: a FIFO ready queue of callbacks and task steps, a timer heap
 * keyed by the loop's monotonic clock, and an inbox through which other threads hand it callbacks.
 *
 * <p>One iteration blocks in a {@link Selector} until a watched channel is ready, the inbox has something or
 * the next timer is due (it only polls when something is ready), queues the callbacks of the ready channels
 * and the due timers, then runs exactly the entries that were ready when the iteration began: what they
 * schedule waits for the next turn, which is what makes {@code sleep(0)} fair. Channel readiness goes
 * through the same FIFO ready queue as everything else.
 *
 * <p>A loop on virtual time ({@link #withVirtualTime()}) never sleeps for a timer: when nothing is ready it
 * jumps its clock to the next timer, so tests see exact times and run instantly. While it watches channels
 * (sockets with a pending read, write, accept or connect) it cannot know when a peer will answer, so it
 * then waits for real: its clock advances with the real time spent in the selector, up to the next timer,
 * and jumps again once no channel is watched.
 */
public final class EventLoop implements EventLoopMXBean {
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
    /**
     * The running step's trampoline state (one step runs at a time, so it lives here rather than in every
     * task): how many coroutines run inline on the Java stack, and one to start from the step loop instead.
     */
    int inlineDepth;
    Coroutine<?> pendingStart;
    /** The value (or Awaiting.Thrown) the coroutine being resumed gets from its await, in transit. */
    Object resumeValue;
    /**
     * Strong references to every pending task, so an unreferenced task is never collected mid-flight: a list
     * threaded through the tasks themselves, which costs two fields a task instead of a hash set's entry.
     */
    private Task<?> firstTask;
    private Task<?> lastTask;
    private int taskCount;
    private ExecutorService defaultExecutor;
    /** Opened on first need (the first wait or watched channel), closed by {@link #close()}. */
    private volatile Selector selector;
    /** A direct buffer that socket transports read into (asyncio's max_size), shared: the loop is one thread. */
    private ByteBuffer ioBuffer;

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
        EventLoop last = lastEntered;
        if (last != null && last.thread == Thread.currentThread()) {
            return last;        // the common case, without a thread-local look-up
        }
        return RUNNING.get();
    }

    /** The loop entered most recently, on whichever thread: a cache in front of {@link #RUNNING}. */
    private static volatile EventLoop lastEntered;

    /** The loop's monotonic clock, in seconds. */
    public double time() {
        return virtualTime ? virtualNow : (System.nanoTime() - originNanos) / 1e9;
    }

    /** Schedules a callback to run on a later turn of the loop, after those already ready. */
    public Handle callSoon(Runnable callback) {
        checkOpen();
        checkThread("callSoon");
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
        checkThread("callAt");
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
            wakeUp();
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
    @SuppressWarnings("unchecked")
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        checkOpen();
        checkThread("createTask");
        if (coro == Sleep.YIELD) {
            coro = (Coroutine<T>) new Sleep<Void>(0, null);    // the shared sleep(0) is only for await
        }
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
            wakeUp();
        }
    }

    public boolean isRunning() {
        return thread != null;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Discards every pending callback, shuts the default executor down, closes the channels the loop still
     * watches (nothing could serve them any more) and its selector; the loop cannot run again.
     */
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
        closeSelector();
    }

    public boolean getDebug() {
        return debug;
    }

    public void setDebug(boolean debug) {
        this.debug = debug;
        if (debug) {
            Debug.tracking = true;
        }
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
        return Collections.unmodifiableSet(pendingTasks());
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
        if (awaitable instanceof Awaiting.AwaitableAdapter<?> a) {
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
        task.prevTask = lastTask;
        if (lastTask == null) {
            firstTask = task;
        } else {
            lastTask.nextTask = task;
        }
        lastTask = task;
        taskCount++;
    }

    void taskDone(Task<?> task) {
        Task<?> prev = task.prevTask;
        Task<?> next = task.nextTask;
        if (prev == null) {
            firstTask = next;
        } else {
            prev.nextTask = next;
        }
        if (next == null) {
            lastTask = prev;
        } else {
            next.prevTask = prev;
        }
        task.prevTask = null;
        task.nextTask = null;
        taskCount--;
    }

    /** The pending tasks, in creation order. */
    private Set<Task<?>> pendingTasks() {
        Set<Task<?>> out = new LinkedHashSet<>();
        for (Task<?> t = firstTask; t != null; t = t.nextTask) {
            out.add(t);
        }
        return out;
    }

    private void runOnce() {
        waitForEvents();
        if (!timers.isEmpty()) {
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
        }
        for (int n = readySize; n > 0; n--) {
            Object e = readyPoll();
            if (debug) {
                runTimed(e);
            } else if (e instanceof Task<?> t) {
                t.step();
            } else {
                runHandle((Handle) e);
            }
        }
    }

    /** Debug mode: runs a ready entry and reports it if it held the loop longer than the slow-callback duration. */
    private void runTimed(Object e) {
        String began = e instanceof Task<?> t ? t.suspendedAt() : null;
        long start = System.nanoTime();
        if (e instanceof Task<?> t) {
            t.step();
        } else {
            runHandle((Handle) e);
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (e instanceof Task<?> t) {
            t.addTimeOnLoop(took);
        }
        if (took >= slowCallbackDuration) {
            String what = e instanceof Task<?> t
                    ? t + " (the step began at " + began + " and ended at " + (t.isDone() ? "its end" : t.suspendedAt()) + ")"
                    : e.toString();
            LOG.log(System.Logger.Level.WARNING, "Executing " + what + " took " + Debug.seconds(took) + " seconds");
        }
    }

    /**
     * Every pending task as a tree, like {@code python -m asyncio pstree}: each task under the task that awaits
     * it, with its state, where it is suspended, and its counters.
     */
    @Override
    public String dumpTasks() {
        Thread owner = thread;
        if (owner == null || owner == Thread.currentThread()) {
            return TaskTree.of(pendingTasks());
        }
        // from a management thread: read the tasks on the loop's own thread
        java.util.concurrent.CompletableFuture<String> tree = new java.util.concurrent.CompletableFuture<>();
        callSoonThreadsafe(() -> tree.complete(TaskTree.of(pendingTasks())));
        try {
            return tree.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "the loop did not answer within 5 seconds: a step is holding it\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted\n";
        } catch (java.util.concurrent.ExecutionException e) {
            return "failed: " + e.getCause() + "\n";
        }
    }

    @Override
    public int getPendingTaskCount() {
        return taskCount;
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

    /**
     * Blocks in the selector until a watched channel is ready, the inbox has something or the next timer is
     * due; only polls the channels when something is ready already. Ready channels queue their callbacks.
     */
    private void waitForEvents() {
        drainInbox();
        Selector sel = selector;
        boolean hasKeys = sel != null && !sel.keys().isEmpty();
        if (readySize > 0 || stopping) {
            if (hasKeys) {
                select(sel, 0);
            }
            return;
        }
        dropCancelledTimers();
        Handle next = timers.peek();
        if (virtualTime && next != null && !(hasKeys && watchesChannels(sel))) {
            virtualNow = Math.max(virtualNow, next.when);
            if (hasKeys) {
                select(sel, 0);     // lets cancelled keys go, so closed channels release their sockets
            }
            return;
        }
        sel = selector();
        long started = virtualTime ? System.nanoTime() : 0;
        sleeping = true;
        try {
            if (inbox.isEmpty() && !stopping) {
                select(sel, next == null ? -1 : Math.max(0, (long) Math.ceil((next.when - time()) * 1e3)));
            } else if (hasKeys) {
                select(sel, 0);
            }
        } finally {
            sleeping = false;
        }
        if (virtualTime && next != null) {      // virtual time flowed at real speed while channels were watched
            virtualNow = Math.min(next.when, virtualNow + (System.nanoTime() - started) / 1e9);
        }
        drainInbox();
    }

    // ---- channels: asyncio's add_reader/add_writer, for the transports of this package ----

    /** What the loop runs when a watched channel is ready; one handle per direction, reused (as asyncio does). */
    private static final class IoWatch {
        Handle reader;
        Handle writer;
    }

    /** Polls (timeout 0), waits up to {@code timeoutMillis} or, for a negative timeout, until woken. */
    private void select(Selector sel, long timeoutMillis) {
        try {
            if (timeoutMillis == 0) {
                sel.selectNow(this::channelReady);
            } else {
                sel.select(this::channelReady, Math.max(0, timeoutMillis));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "selector failed on " + this, e);
        }
    }

    private void channelReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        IoWatch w = (IoWatch) key.attachment();
        int ops = key.readyOps();
        if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && w.reader != null) {
            readyAdd(w.reader);
        }
        if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && w.writer != null) {
            readyAdd(w.writer);
        }
    }

    private static boolean watchesChannels(Selector sel) {
        for (SelectionKey k : sel.keys()) {
            if (k.isValid() && k.interestOps() != 0) {
                return true;
            }
        }
        return false;
    }

    private Selector selector() {
        Selector sel = selector;
        if (sel == null) {
            checkOpen();
            try {
                sel = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector for " + this, e);
            }
            selector = sel;
        }
        return sel;
    }

    private void wakeUp() {
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
    }

    /**
     * Runs {@code callback} on the loop each time {@code channel} (non-blocking) is readable, or for a server
     * channel has a connection to accept; replaces a previous reader of the channel. Loop thread only.
     */
    public void addReader(SelectableChannel channel, Runnable callback) throws IOException {
        int op = (channel.validOps() & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
        watch(channel, op, true, callback);
    }

    /** Runs {@code callback} each time {@code channel} is writable, or once a pending connect may finish. */
    public void addWriter(SelectableChannel channel, Runnable callback) throws IOException {
        int op = channel instanceof SocketChannel s && s.isConnectionPending() ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        watch(channel, op, false, callback);
    }

    /** Stops watching {@code channel} for reading; true if it was watched. A queued readiness no longer runs. */
    public boolean removeReader(SelectableChannel channel) {
        return unwatch(channel, SelectionKey.OP_READ | SelectionKey.OP_ACCEPT, true);
    }

    /** Stops watching {@code channel} for writing (or connecting); true if it was watched. */
    public boolean removeWriter(SelectableChannel channel) {
        return unwatch(channel, SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT, false);
    }

    private void watch(SelectableChannel channel, int op, boolean reader, Runnable callback) throws IOException {
        Selector sel = selector();
        SelectionKey key = channel.keyFor(sel);
        if (key != null && !key.isValid()) {
            sel.selectNow(k -> { });    // a cancelled key stays registered until the next selection
            key = null;
        }
        if (key == null) {
            key = channel.register(sel, 0, new IoWatch());
        }
        IoWatch w = (IoWatch) key.attachment();
        Handle h = new Handle(callback, Double.NaN, 0);
        Handle old = reader ? w.reader : w.writer;
        if (old != null) {
            old.cancel();
        }
        if (reader) {
            w.reader = h;
        } else {
            w.writer = h;
        }
        key.interestOps(key.interestOps() | op);
    }

    private boolean unwatch(SelectableChannel channel, int ops, boolean reader) {
        Selector sel = selector;
        SelectionKey key = sel == null ? null : channel.keyFor(sel);
        if (key == null || !key.isValid()) {
            return false;
        }
        IoWatch w = (IoWatch) key.attachment();
        Handle old = reader ? w.reader : w.writer;
        if (reader) {
            w.reader = null;
        } else {
            w.writer = null;
        }
        key.interestOps(key.interestOps() & ~ops);    // the key itself stays until the channel is closed
        if (old == null) {
            return false;
        }
        old.cancel();
        return true;
    }

    /** How many channels hold a valid key in the loop's selector: for tests that look for leaked keys. */
    int selectorKeyCount() {
        Selector sel = selector;
        if (sel == null || !sel.isOpen()) {
            return 0;
        }
        int n = 0;
        for (SelectionKey k : sel.keys()) {
            if (k.isValid()) {
                n++;
            }
        }
        return n;
    }

    /** The loop's shared direct read buffer; its content is only valid until the next read. */
    ByteBuffer ioBuffer() {
        if (ioBuffer == null) {
            ioBuffer = ByteBuffer.allocateDirect(256 * 1024);
        }
        return ioBuffer;
    }

    private void closeSelector() {
        Selector sel = selector;
        if (sel == null) {
            return;
        }
        for (SelectionKey k : new ArrayList<>(sel.keys())) {
            try {
                k.channel().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + k.channel(), e);
            }
        }
        try {
            sel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the selector of " + this, e);
        }
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
        lastEntered = this;
        if (debug) {
            LoopManagement.register(this);
        }
        return null;
    }

    private void exit(Thread previous) {
        RUNNING.remove();
        if (lastEntered == this) {
            lastEntered = null;
        }
        LoopManagement.unregister(this);
        thread = previous;
    }

    /** Debug mode: a loop method other than callSoonThreadsafe called from another thread is a bug. */
    private void checkThread(String method) {
        if (debug) {
            Thread owner = thread;
            if (owner != null && owner != Thread.currentThread()) {
                throw new IllegalStateException(method + " called from thread " + Thread.currentThread().getName()
                        + ", but the loop runs on " + owner.getName() + ": only callSoonThreadsafe may be called "
                        + "from other threads (or use runCoroutineThreadsafe)");
            }
        }
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
