package org.awaitj;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.util.random.RandomGenerator;

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
 * <p>The loop's time is the system's monotonic clock, or virtual time ({@link #withVirtualTime()}).
 */
public final class EventLoop implements EventLoopMXBean {
    final ReadyQueue ready;
    final Timers timers = new Timers();
    final Inbox inbox = new Inbox();
    /** The thread running the loop, or null. */
    volatile Thread thread;
    private boolean stopping;
    private boolean closed;
    private boolean debug = Boolean.getBoolean("awaitj.debug");
    private double slowCallbackDuration = 0.1;
    private final Clock clock;
    /** {@link ForeignFuture}s not done yet (work on a thread, in a process...): virtual time does not jump meanwhile. */
    int foreignInFlight;
    /** The task whose step is running (asyncio's {@code _enter_task}/{@code _leave_task} set it), or null. */
    Task<?> currentTask;
    /** The running step's trampoline (here, not in every task: one step runs at a time): inline depth, next start. */
    int inlineDepth;
    Coroutine<?> pendingStart;
    /** The frame a direct entry adopted last in the suspension unwinding now ({@link Fused#adopt}); else null. */
    Coroutine<?> adopted;
    /** The value (or Awaiting.Thrown) the coroutine being resumed gets from its await, in transit. */
    Object resumeValue;
    /** The running callback's context, when it has one ({@link ContextScope}); eager tasks are the default if set. */
    ContextScope callbackScope;
    private boolean eagerTasks;
    final TaskRegistry tasks = new TaskRegistry();
    final TaskIds taskIds = new TaskIds();
    /** Failed futures of this loop whose exception nobody retrieved yet: reported when the loop closes. */
    final Unretrieved.Ledger unretrieved = new Unretrieved.Ledger();
    /** The never-awaited coroutines this loop reported, and debug mode's watch on those a step makes; lazy. */
    NeverAwaited neverAwaited;
    final DefaultExecutor defaultExecutor = new DefaultExecutor();
    final SelectorEvents io = new SelectorEvents(this);
    final AsyncGenerators asyncgens = new AsyncGenerators();

    /** A loop on the system's monotonic clock. */
    public EventLoop() {
        this(Clock.real(), null);
    }

    /** A loop whose turns run in an order drawn from {@code schedule} (null: FIFO); for org.awaitj.test. */
    EventLoop(Clock clock, RandomGenerator schedule) {
        this.clock = clock;
        this.ready = new ReadyQueue(schedule);
        Flight.listen();
    }

    /**
     * A loop on virtual time: when nothing is ready, {@link #time()} jumps to the next timer instead of waiting
     * for it, so tests see exact times and run at once. While a channel is watched (a socket with a pending
     * read, write, accept or connect) no one knows when the peer will answer: the loop then waits for real, and
     * its time flows with the real time spent waiting, up to the next timer.
     */
    public static EventLoop withVirtualTime() {
        return new EventLoop(Clock.virtual(), null);
    }

    /** The loop's monotonic clock, in seconds. */
    public double time() {
        return clock.time();
    }

    /** Schedules a callback to run on a later turn of the loop, after those already ready. */
    public Handle callSoon(Runnable callback) {
        checkOpen();
        Debug.checkThread(this, "callSoon");
        Handle h = Handle.inCurrentContext(new Handle(callback, Double.NaN, 0), this);
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
        Debug.checkThread(this, "callAt");
        return Handle.inCurrentContext(timers.add(when, callback), this);
    }

    /** The one loop method other threads may call: schedules a callback and wakes the loop if it sleeps. */
    public Handle callSoonThreadsafe(Runnable callback) {
        checkOpen();
        Handle h = Handle.inCurrentContext(new Handle(callback, Double.NaN, 0), this);
        if (inbox.hand(h, thread)) {
            io.wakeUp();
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

    /** Wraps a coroutine in a named task scheduled on this loop; eager if {@link #setEagerTasks} says so. */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, name, eagerTasks);
    }

    /** A named task; an eager one runs its first step in this call, until it suspends (asyncio's eager_start). */
    public <T> Task<T> createTask(Coroutine<T> coro, String name, boolean eager) {
        return TaskStart.create(this, coro, name, eager);
    }

    /** Makes {@link #createTask(Coroutine)} start tasks eagerly, as asyncio's {@code eager_task_factory} does. */
    public void setEagerTasks(boolean eager) {
        this.eagerTasks = eager;
    }

    public boolean getEagerTasks() {
        return eagerTasks;
    }

    /** Shuts the default executor down; waits at most {@code timeout} seconds for its work, then warns and returns. */
    public Coroutine<Void> shutdownDefaultExecutor(double timeout) {
        return ExecutorShutdown.of(this, timeout);
    }

    /** Runs the loop until the awaitable is done (a coroutine as a task); returns its result or throws its exception. */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        Future<T> f = Awaiting.ensureFuture(this, awaitable);
        enter();
        try {
            while (!f.isDone()) {
                runOnce();
            }
        } finally {
            exit();
        }
        return f.result();
    }

    /** Runs what is ready now, and what that makes ready, until nothing is (bounded, in case it never ends). */
    void runReadyCallbacks() {
        enter();
        try {
            for (int turns = 0; turns < 1000 && (ready.size() > 0 || !inbox.isEmpty()); turns++) {
                runOnce();
            }
        } finally {
            exit();
        }
    }

    /** Runs the loop until {@link #stop()} is called. */
    public void runForever() {
        enter();
        try {
            while (!stopping) {
                runOnce();
            }
        } finally {
            stopping = false;
            exit();
        }
    }

    /** Makes {@link #runForever()} return after the current iteration. */
    public void stop() {
        stopping = true;
        if (inbox.sleeping) {
            io.wakeUp();
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
        Debug.loopClosing(this);
        ready.close();
        tasks.close();
        timers.clear();
        inbox.clear();
        foreignInFlight = 0;    // nothing waits any more: their outcomes will be dropped
        defaultExecutor.close();
        io.close();
    }

    /**
     * Closes the async generators that started on this loop and were left suspended (asyncio's
     * {@code shutdown_asyncgens}), so that their {@code finally} blocks run; {@link AsyncIO#run} awaits it on
     * the way out.
     */
    public Coroutine<Void> shutdownAsyncgens() {
        return asyncgens.shutdown(this);
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

    /**
     * Every pending task as a tree, like {@code python -m asyncio pstree}: each task under the task that awaits
     * it, with its state, where it is suspended, and its counters.
     */
    @Override
    public String dumpTasks() {
        return TaskTree.dump(this);
    }

    @Override
    public int getPendingTaskCount() {
        return tasks.count();
    }

    // ---- channels: asyncio's add_reader/add_writer, for the transports of org.awaitj.io ----

    /**
     * Runs {@code callback} on the loop each time {@code channel} (non-blocking) is readable, or for a server
     * channel has a connection to accept; replaces a previous reader of the channel. Loop thread only.
     */
    public void addReader(SelectableChannel channel, Runnable callback) throws IOException {
        io.addReader(channel, callback);
    }

    /** Runs {@code callback} each time {@code channel} is writable, or once a pending connect may finish. */
    public void addWriter(SelectableChannel channel, Runnable callback) throws IOException {
        io.addWriter(channel, callback);
    }

    /** Stops watching {@code channel} for reading; true if it was watched. A queued readiness no longer runs. */
    public boolean removeReader(SelectableChannel channel) {
        return io.removeReader(channel);
    }

    /** Stops watching {@code channel} for writing (or connecting); true if it was watched. */
    public boolean removeWriter(SelectableChannel channel) {
        return io.removeWriter(channel);
    }

    // ---- the ready queue and one iteration ----

    /** Queues a callback's {@link Handle} or a task to step, behind those already ready. */
    void readyAdd(Object entry) {
        ready.add(entry);
    }

    private void runOnce() {
        waitForEvents();
        timers.queueDue(this);
        boolean recorded = Flight.recording;    // read once a turn: a JFR recording started now counts from the next
        for (int n = ready.beginTurn(); n > 0; n--) {
            Object e = ready.poll();
            if (debug) {
                Debug.runTimed(this, e);
            } else if (recorded) {
                Flight.runRecorded(this, e);
            } else {
                runEntry(e);
            }
        }
        NeverAwaited.turnEnded(this);   // coroutines kept unawaited during the turn and still unstarted
    }

    /** Runs one ready entry: a task's step, or a callback. */
    void runEntry(Object entry) {
        if (entry instanceof Task<?> t) {
            t.step();
        } else {
            ((Handle) entry).run(this);
        }
    }

    /**
     * Blocks in the selector until a watched channel is ready, the inbox has something or the next timer is
     * due, as long as the clock says; only polls the channels when something is ready already or the loop
     * stops ({@link SelectorEvents#pollBusy}). Ready channels queue their callbacks.
     */
    private void waitForEvents() {
        inbox.drainInto(this);
        if (ready.size() > 0 || stopping) {
            io.pollBusy(stopping);
            return;
        }
        Handle next = timers.next();
        if (next != null && clock.jumpTo(next.when, this)) {
            io.poll();      // lets cancelled keys go, so closed channels release their sockets
            return;
        }
        io.open();          // before sleeping: whoever sees the loop asleep must find a selector to wake
        long began = clock.waitBegins();
        inbox.sleeping = true;
        try {
            if (inbox.isEmpty() && !stopping) {
                io.select(clock.blockMillis(next));
            } else {
                io.poll();
            }
        } finally {
            inbox.sleeping = false;
        }
        clock.waitEnded(began, next);
        inbox.drainInto(this);
    }

    // ---- the running loop of a thread ----

    private void enter() {
        checkOpen();
        if (thread != null) {
            throw new IllegalStateException("this event loop is already running");
        }
        RunningLoop.enter(this);
        thread = Thread.currentThread();
        if (debug) {
            LoopManagement.register(this);
        }
    }

    private void exit() {
        RunningLoop.exit(this);
        LoopManagement.unregister(this);
        thread = null;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}
