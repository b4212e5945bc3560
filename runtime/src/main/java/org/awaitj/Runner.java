package org.awaitj;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An event loop for the calling thread, run coroutine after coroutine, like asyncio's {@code Runner}; what
 * {@link AsyncIO#run} does for one coroutine:
 * <pre>{@code
 * try (Runner runner = new Runner(EventLoop::withVirtualTime, true)) {
 *     runner.run(setUp());
 *     String answer = runner.run(ask());     // the same loop, so tasks and futures of setUp() live on
 * }                                         // cancels what is left, waits for the default executor, closes
 * }</pre>
 *
 * <p>The loop is made by the first {@link #run} or {@link #getLoop}. Each main coroutine runs in the runner's
 * context, which is the calling thread's when the loop was made, and then what the main coroutines set: a
 * {@link ContextVar} set by one is seen by the next, as in asyncio. Tasks left pending by one run are not
 * cancelled until {@link #close()}. Not thread-safe: one thread uses a runner.
 */
public final class Runner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    /** asyncio's THREAD_JOIN_TIMEOUT: how long closing waits for the default executor's work. */
    private static final double EXECUTOR_JOIN_SECONDS = 300;

    private final Supplier<EventLoop> loopFactory;
    private final boolean debug;
    private EventLoop loop;
    private Context context;
    private boolean closed;

    /** A runner on a new {@link EventLoop}, in debug mode if {@code -Dawaitj.debug=true}. */
    public Runner() {
        this(EventLoop::new, Boolean.getBoolean("awaitj.debug"));
    }

    /** A runner on the loop that {@code loopFactory} makes (once, on first use), with debug mode on or off. */
    public Runner(Supplier<EventLoop> loopFactory, boolean debug) {
        this.loopFactory = Objects.requireNonNull(loopFactory, "loopFactory");
        this.debug = debug;
    }

    /**
     * Runs {@code main} as a task of the runner's loop until it is done, and returns its result or throws its
     * exception unchanged. Not from inside a running loop.
     */
    public <T> T run(Coroutine<T> main) {
        Objects.requireNonNull(main, "Runner.run(null): pass the coroutine object, as in run(main())");
        if (RunningLoop.get() != null) {
            throw new IllegalStateException("Runner.run cannot be called from a running event loop: "
                    + "await the coroutine, or createTask it, instead");
        }
        EventLoop l = getLoop();
        Task<T> task;
        if (context.isEmpty() && Context.current().isEmpty()) {
            task = l.createTask(main);      // the common case, without entering a context
        } else {
            Task<?>[] made = new Task<?>[1];
            context.run(() -> made[0] = l.createTask(main));
            @SuppressWarnings("unchecked")
            Task<T> t = (Task<T>) made[0];
            task = t;
        }
        try {
            return l.runUntilComplete(task);
        } finally {
            context = task.getContext();
        }
    }

    /** The runner's loop, made now if it was not yet. */
    public EventLoop getLoop() {
        if (closed) {
            throw new IllegalStateException("this Runner is closed");
        }
        if (loop == null) {
            EventLoop l = Objects.requireNonNull(loopFactory.get(), "the loop factory returned null");
            l.setDebug(debug);
            context = Context.current();
            loop = l;
        }
        return loop;
    }

    /**
     * Cancels the tasks still pending and lets them finish their {@code finally} blocks, closes the async generators
     * left suspended, waits (at most 300
     * seconds) for the default executor's work, and closes the loop. Closing again does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        EventLoop l = loop;
        if (l == null) {
            return;
        }
        try {
            cancelAllTasks(l);
            finishShutdown(l);
        } finally {
            l.close();
        }
    }

    /**
     * The end of a loop's run once its tasks are cancelled, for every way a loop ends (a runner, a loop group,
     * a test): the async generators left suspended are closed, the callbacks the endings scheduled run, and the
     * default executor's work is waited for.
     */
    static void finishShutdown(EventLoop l) {
        l.runUntilComplete(l.shutdownAsyncgens());
        l.runReadyCallbacks();
        l.runUntilComplete(l.shutdownDefaultExecutor(EXECUTOR_JOIN_SECONDS));
    }

    /** {@code AsyncIO.run}: one main coroutine on a loop of its own. */
    static <T> T runMain(Coroutine<T> main, boolean debug) {
        if (main == null) {
            throw new NullPointerException("AsyncIO.run(null): pass the coroutine object, as in run(main())");
        }
        if (RunningLoop.get() != null) {
            throw new IllegalStateException("AsyncIO.run cannot be called from a running event loop: "
                    + "await the coroutine, or createTask it, instead");
        }
        try (Runner runner = new Runner(EventLoop::new, debug)) {
            return runner.run(main);
        }
    }

    /** Cancels the tasks main left pending and runs the loop until they are done; reports those that refused. */
    private static void cancelAllTasks(EventLoop loop) {
        Set<Task<?>> left = loop.tasks.all();
        if (left.isEmpty()) {
            return;
        }
        for (Task<?> t : left) {
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.WARNING, "AsyncIO.run() is ending with " + t + " still pending, suspended at "
                        + SuspendedAt.of(t) + ": cancelling it. Await it before main returns.");
            }
            t.cancel();
        }
        loop.runUntilComplete(Gather.of(loop, true, List.copyOf(left)));
        for (Task<?> t : left) {
            if (t.isCancelled()) {
                continue;
            }
            Throwable e = t.exception();
            if (e != null) {
                LOG.log(System.Logger.Level.ERROR, "unhandled exception during AsyncIO.run() shutdown in " + t, e);
            } else {
                LOG.log(System.Logger.Level.WARNING, t + " refused cancellation at AsyncIO.run() shutdown and returned");
            }
        }
    }
}
