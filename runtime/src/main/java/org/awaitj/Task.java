package org.awaitj;

import org.awaitj.internal.CoroutineSupport;


import java.util.concurrent.CancellationException;

/**
 * A coroutine scheduled on an event loop, like {@code asyncio.Task}: it runs concurrently with other tasks,
 * one step at a time, from the loop's FIFO ready queue.
 *
 * <p>A step resumes the innermost suspended coroutine of the task's await chain and runs until it suspends
 * again. When a coroutine completes, its awaiting caller is resumed in the same loop, not by recursion, so
 * resuming a chain of any depth needs a bounded stack.
 *
 * @param <T> the type of the root coroutine's result
 */
public class Task<T> extends Future<T> {
    // What the task is suspended on (a Future, a timer Handle, null: ready, or yielding, or NOT_STARTED) is kept
    // in the Future's result field while the task is pending: see awaiting().
    private static final Object NOT_STARTED = new Object();
    private final int id;
    /**
     * What a finished task's root coroutine holds in place of its task: it says the coroutine ran (it runs once)
     * without keeping the task alive. An application's list of coroutines, once garbage in the old generation,
     * keeps what it references alive through young collections until the next marking; through the frames it
     * would keep every task, and the gather of a million tasks copied all of them at every collection.
     */
    static final Task<Void> FINISHED = new Task<>();
    /**
     * The innermost coroutine of the chain: the one to resume on the next step; the root one before the first
     * step and after the last. The root is found from it through the callers, so it needs no field of its own.
     */
    Coroutine<?> current;
    /** The next in the loop's list of tasks ({@link TaskRegistry}). */
    Task<?> nextTask;

    /**
     * The task's context variables ({@link ContextScope}: its creator's at creation, replaced by each set), or,
     * once the task needs what few tasks need, its {@link TaskExtras}, which then hold the context: a parked task
     * is a Task and a frame.
     */
    private Object contextOrExtras;

    private TaskExtras extras() {
        Object o = contextOrExtras;
        if (o instanceof TaskExtras x) {
            return x;
        }
        TaskExtras x = new TaskExtras((Context) o);
        contextOrExtras = x;
        return x;
    }

    private TaskExtras extrasOrNull() {
        return contextOrExtras instanceof TaskExtras x ? x : null;
    }

    /** The task's context now; see {@link #getContext()}. */
    Context context() {
        Object o = contextOrExtras;
        return o instanceof TaskExtras x ? x.context : (Context) o;
    }

    void setContext(Context context) {
        if (contextOrExtras instanceof TaskExtras x) {
            x.context = context;
        } else {
            contextOrExtras = context;
        }
    }

    /** A task for the ready queue, or, when {@code eager}, for the caller to run its first step at once. */
    Task(EventLoop loop, Coroutine<T> coro, String name, boolean eager) {
        super(loop);
        this.contextOrExtras = ContextScope.current(loop);
        ThreadStates states = ThreadStates.capture();
        if (states != null) {
            extras().threadStates = states;
        }
        Awaiting.start(coro, this, null);
        this.current = coro;
        this.result = NOT_STARTED;
        if (name != null) {
            extras().name = name;
        }
        this.id = loop.taskIds.next();
        if (loop.getDebug()) {
            Debug.recordTask(this);
        }
        loop.tasks.add(this);
        if (!eager) {
            loop.readyAdd(this);
        }
        if (Flight.recording) {
            Flight.taskCreated(this);
        }
    }

    private Task() {
        super(null);
        this.id = 0;
    }

    /** The task's number, unique in the JVM, growing on each loop: what "Task-N" names it by, and what {@code ps} lists. */
    int id() {
        return id;
    }

    public String getName() {
        TaskExtras x = extrasOrNull();
        return x != null && x.name != null ? x.name : "Task-" + id;
    }

    public void setName(String name) {
        extras().name = name;
    }

    @SuppressWarnings("unchecked")
    public Coroutine<T> getCoroutine() {
        TaskExtras x = extrasOrNull();
        if (x != null && x.root != null) {
            return (Coroutine<T>) x.root;
        }
        Coroutine<?> c = current;
        while (c.caller != null) {
            c = c.caller;
        }
        return (Coroutine<T>) c;
    }

    /** The task's context now (asyncio's {@code get_context()}): an immutable snapshot; see {@link ContextVar}. */
    public Context getContext() {
        return context();
    }

    /**
     * The await chain as stack trace elements, innermost first: one element per coroutine of the chain, naming
     * the coroutine's method and the line it is suspended at (the running task's with its live frames), then
     * the chain of the task that awaits this one, and so on, as an exception's stack trace would show them.
     * The runtime's coroutines that stand for no method of its API (sleep and the like) are left out.
     */
    public StackTraceElement[] getStack() {
        return AsyncStackTraces.across(this);
    }

    /**
     * What this task is doing and who waits for it, like asyncio's {@code capture_call_graph}: its await chain,
     * and the call graphs of the tasks that await it. On the loop's thread.
     */
    public CallGraph callGraph() {
        return CallGraph.of(this);
    }

    /** Prints {@link #getStack()} to standard error. */
    public void printStack() {
        System.err.println("Stack for " + this + ":");
        for (StackTraceElement e : getStack()) {
            System.err.println("\tat " + e);
        }
    }

    /**
     * Asks the task to stop: its pending await throws {@link CancellationException} on its next step. The
     * coroutine may catch it (then the task is not cancelled); {@code finally} blocks run either way.
     *
     * @return false if the task is already done
     */
    @Override
    public boolean cancel(String msg) {
        if (isDone()) {
            return false;
        }
        TaskExtras x = extras();
        x.cancelRequests++;
        if (result instanceof Future<?> f && f.cancel(msg)) {
            return true;    // its callbacks wake this task with the CancellationException
        }
        x.mustCancel = true;
        x.cancelMessage = msg;
        interruptWait();
        return true;
    }

    /** A pending cancellation ends a timer wait at once (a future wait ends by cancelling the future). */
    private void interruptWait() {
        Object w = result;
        if (w instanceof Handle timer) {
            timer.cancel();
            result = null;
            loop.readyAdd(this);
        } else if (w instanceof Future<?> f && f.cancel(extras().cancelMessage)) {
            extras().mustCancel = false;
        }
    }

    /** How many cancellation requests are pending: {@link #cancel} adds one, {@link #uncancel} takes one back. */
    public int cancelling() {
        TaskExtras x = extrasOrNull();
        return x == null ? 0 : x.cancelRequests;
    }

    /**
     * Withdraws one cancellation request, as a timeout or task group does when the cancellation was its own;
     * returns how many remain. When none remain, a cancellation not yet delivered is dropped.
     */
    public int uncancel() {
        TaskExtras x = extrasOrNull();
        if (x == null) {
            return 0;
        }
        if (x.cancelRequests > 0) {
            x.cancelRequests--;
            if (x.cancelRequests == 0) {
                x.mustCancel = false;
            }
        }
        return x.cancelRequests;
    }

    /** Who owns the task's context inside {@link Context#call}; null: the task itself. */
    Object contextOwner() {
        TaskExtras x = extrasOrNull();
        return x == null ? null : x.contextOwner;
    }

    void setContextOwner(Object owner) {
        if (owner != null || contextOrExtras instanceof TaskExtras) {
            extras().contextOwner = owner;
        }
    }

    /** Suspends the task until {@code f} is done; {@code frame} is resumed with its outcome. */
    final void suspendOn(Future<?> f, Coroutine<?> frame) {
        current = frame;
        result = f;
        f.addWaiter(this);
    }

    /** Suspends the task until the timer fires. */
    final void suspendOn(Handle timer, Coroutine<?> frame) {
        current = frame;
        result = timer;
    }

    /** Suspends the task for one turn of the loop: it goes to the back of the ready queue. */
    final void yieldOnce(Coroutine<?> frame) {
        current = frame;
        result = null;
        loop.readyAdd(this);
    }

    /** One step, run from the loop's ready queue. */
    final void step() {
        if (isDone()) {
            return;
        }
        Object outcome = null;
        Object w = result;
        result = null;
        if (w instanceof Future<?> f) {
            outcome = f.outcomeForAwaiter();
            if (outcome instanceof Awaiting.Thrown t && !(t.error instanceof CancellationException)) {
                AsyncStackTraces.intoAwaiter(t.error, f, current);
            }
        }
        TaskExtras x = extrasOrNull();
        if (x != null && x.mustCancel) {
            x.mustCancel = false;
            outcome = new Awaiting.Thrown(new CancellationException(x.cancelMessage));
        }
        Coroutine<?> frame = current;
        if (w == NOT_STARTED) {
            if (Flight.recording) {
                Flight.taskStarted(this);
            }
            if (outcome instanceof Awaiting.Thrown t) {
                finish(frame, null, t.error);      // cancelled before it started: none of the body runs
                return;
            }
        } else {
            loop.resumeValue = outcome;
        }
        if (loop.getDebug()) {
            Debug.TaskInfo info = Debug.info(this);
            if (info != null) {
                info.steps++;
            }
        }
        Task<?> previous = loop.currentTask;
        loop.currentTask = this;
        ThreadStates ts = x == null ? null : x.threadStates;
        if (ts != null) {
            ts.enter();
        }
        try {
            Trampoline.run(this, frame);
        } finally {
            loop.currentTask = previous;
            if (ts != null) {
                ts.exit(true);
            }
        }
    }

    /** The step has unwound from a suspension: a cancellation requested while it ran ends the new wait at once. */
    final void suspended() {
        if (contextOrExtras instanceof TaskExtras x && x.mustCancel) {
            interruptWait();
        }
    }

    /** {@code frame}, the root coroutine, returned another to run in its place: getCoroutine() still names it. */
    final void replacingRoot(Coroutine<?> frame) {
        TaskExtras x = extras();
        if (x.root == null) {
            x.root = frame;
        }
    }

    @SuppressWarnings("unchecked")
    final void finish(Coroutine<?> root, Object value, Throwable error) {
        current = root;     // the rest of the chain is garbage now
        root.task = FINISHED;
        TaskExtras x = extrasOrNull();
        if (x != null && x.root != null) {
            x.root.task = FINISHED;
        }
        if (error == null && x != null && x.mustCancel) {
            super.cancel(x.cancelMessage);    // cancelled while running, and returned before noticing
        } else if (error == null) {
            super.setResult((T) value);
        } else if (error instanceof CancellationException c) {
            super.cancel(c.getMessage());
        } else {
            super.setException(error);
        }
        loop.tasks.finished();
        if (Flight.recording) {
            Flight.taskDone(this);
        }
    }

    /** A task's result is set by its coroutine only. */
    @Override
    public void setResult(T value) {
        throw new IllegalStateException("setResult on a task: a task's result is what its coroutine returns");
    }

    /** A task's exception is set by its coroutine only. */
    @Override
    public void setException(Throwable error) {
        throw new IllegalStateException("setException on a task: a task fails when its coroutine throws");
    }

    /** How many steps the task has run; counted in debug mode only, else 0. */
    public int steps() {
        Debug.TaskInfo info = Debug.info(this);
        return info == null ? 0 : info.steps;
    }

    /** Seconds the task's steps held the loop; measured in debug mode only, else 0. */
    public double secondsOnLoop() {
        Debug.TaskInfo info = Debug.info(this);
        return info == null ? 0 : info.secondsOnLoop;
    }

    void addTimeOnLoop(double seconds) {
        Debug.TaskInfo info = Debug.info(this);
        if (info != null) {
            info.secondsOnLoop += seconds;
        }
    }

    /** Where the task was created (debug mode), else null. */
    StackTraceElement createdAt() {
        Debug.TaskInfo info = Debug.info(this);
        return info == null ? null : info.createdAt;
    }

    /** What the task waits for, as the task tree shows it. */
    Object awaiting() {
        Object w = result;
        return isDone() || w == NOT_STARTED ? null : w;
    }

    @Override
    public String toString() {
        return "<Task " + stateName() + " name='" + getName() + "' coro=" + getCoroutine().describe() + outcome()
                + (createdAt() != null ? " created at " + Debug.where(createdAt()) : "") + ">";
    }
}
