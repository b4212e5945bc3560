package org.awaitj.process;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.JarFile;

import org.awaitj.process.ProcessPoolProtocol.Frame;
import org.awaitj.process.ProcessPoolProtocol.FrameReader;
import org.awaitj.process.ProcessPoolProtocol.FrameWriter;

/**
 * Python's {@code concurrent.futures.ProcessPoolExecutor}: runs each task in one of a pool of worker JVMs,
 * for work that needs isolation from the parent: its own heap, its own crashes, {@code System.exit} and
 * static state, or CPU-bound work that should not slow the parent's JVM (its event loop, its GC).
 *
 * <pre>{@code
 * try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
 *     CompletableFuture<Integer> f = pool.submitRemote((Callable<Integer> & Serializable) () -> fib(30));
 *     System.out.println(f.get());                          // or, in an @Async method, await(f)
 * }
 * }</pre>
 *
 * <p><b>Tasks and results cross a process boundary</b>, by Java serialization: a task must be
 * {@link Serializable}, and so must everything it captures or holds; a lambda must be cast to
 * {@code (Callable<T> & Serializable)} (or {@code (Runnable & Serializable)}). A task that cannot be
 * serialized is refused at submission with a {@link RejectedExecutionException} whose cause is a
 * {@link NotSerializableException} naming the class at fault. A result that cannot be serialized fails its
 * task's future with a {@link NotSerializableException} (the worker stays up). An exception a task throws
 * fails its future with that very exception, deserialized: same class, message, cause and stack trace (the
 * worker's frames). What may be deserialized, in the worker as in the parent, is restricted by an
 * {@link java.io.ObjectInputFilter}: the {@link Serializable} classes of {@code java.base}'s exported
 * packages and of the application class path, with bounded depth and array sizes (see
 * {@code ProcessPoolProtocol} for the exact rule); anything else fails the task with an
 * {@link java.io.InvalidClassException} naming the class.
 *
 * <p><b>Workers.</b> Up to {@code workers} JVMs are started on demand, with the parent's {@code java}
 * ({@code java.home/bin/java}), class path ({@code java.class.path}), the options {@code -Xshare:auto
 * -XX:+UseSerialGC}, the awaitj agent if the parent was started with it (so that tasks may run
 * {@code @Async} code), and then the extra options given to the constructor. Each runs one task at a time
 * and is reused for the next one. What a task prints to {@code System.out} and {@code System.err} is
 * printed by the parent on its own {@code System.out} and {@code System.err}, before the task's future
 * completes; {@code System.in} is empty in a worker. Native output (the JVM's own messages) goes to the
 * parent's standard error.
 *
 * <p><b>A worker that dies</b> (it calls {@code System.exit}, crashes, or is killed) fails only the task it
 * was running, with a {@link WorkerExitedException} naming its pid and exit code; the next task gets a new
 * worker.
 *
 * <p><b>Cancelling</b> a task's future before it started removes it from the queue;
 * {@code cancel(true)} while it runs kills its worker process at once (a JVM cannot be interrupted from the
 * outside), which is replaced for the next task; {@code cancel(false)} while it runs lets it finish, and
 * drops its result.
 *
 * <p><b>Shutting down.</b> {@link #shutdown()} refuses new tasks, runs the queued ones, and stops each
 * worker once idle by closing its standard input. {@link #shutdownNow()} cancels the queued tasks (and
 * returns them) and the running ones, and kills every worker. {@link #close()}, like Python's
 * {@code with ProcessPoolExecutor() as pool:}, shuts down and waits: once it returns, every worker process
 * has exited. The pool is terminated when it is shut down, has no task left and every worker process has
 * exited. Workers also never outlive the parent: one exits as soon as its standard input ends, which is
 * the case when the parent dies, however it dies, and a watchdog thread also stops it once it sees the
 * parent process gone.
 *
 * <p>{@link #submit}, {@link #invokeAll} and {@link #invokeAny} return and await futures of this pool; so
 * does {@link #submitRemote}, which returns a {@link CompletableFuture} for callers that want a callback
 * (awaitj's {@code runInExecutor} uses it). Dependent stages added to those futures without an executor
 * run on the pool's internal reader threads: they must not block. {@link #execute(Runnable)} takes a
 * {@link Serializable} Runnable; it cannot run a {@code FutureTask} or any other non-serializable wrapper.
 */
public final class ProcessPoolExecutor extends AbstractExecutorService implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** How long a worker whose standard input was closed gets to exit before it is killed. */
    private static final long RETIRE_GRACE_SECONDS = 10;

    private final int maxWorkers;
    private final List<String> command;
    private final int poolId = POOLS.incrementAndGet();
    private final AtomicInteger workerIds = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminatedCondition = lock.newCondition();
    private final ArrayDeque<RemoteTask<?>> pending = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private boolean shutdown;
    /** shutdownNow was called. */
    private boolean stopped;
    private boolean terminated;

    /** A pool of as many workers as there are processors. */
    public ProcessPoolExecutor() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A pool of at most {@code workers} worker processes. */
    public ProcessPoolExecutor(int workers) {
        this(workers, List.of());
    }

    /**
     * A pool of at most {@code workers} worker processes, started with these extra JVM options too (say
     * {@code -Xmx256m}, or {@code -XX:TieredStopAtLevel=1}: less JIT work, but a lower peak speed, which is why
     * it is not a default).
     */
    public ProcessPoolExecutor(int workers, List<String> jvmOptions) {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
        this.maxWorkers = workers;
        this.command = workerCommand(List.copyOf(jvmOptions));
    }

    /** The most worker processes this pool runs at once. */
    public int maxWorkers() {
        return maxWorkers;
    }

    // ---------------------------------------------------------------------------------------------------------
    // submitting

    /**
     * Runs {@code task} in a worker process; the future completes with its result or exception, and
     * {@code cancel(true)} on it kills the worker if the task is running (see the class comment).
     *
     * @throws RejectedExecutionException if the pool is shut down, or the task cannot be serialized (the
     *     cause says why)
     */
    public <T> CompletableFuture<T> submitRemote(Callable<T> task) {
        RemoteTask<T> t = newRemoteTask(Objects.requireNonNull(task, "task"), task, false, null);
        enqueue(t);
        return t;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return newRemoteTask(callable, callable, false, null);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return newRemoteTask(new ProcessPoolProtocol.RunnableCall(runnable), runnable, true, value);
    }

    /**
     * Runs a {@link Serializable} Runnable in a worker process. If it throws, the exception is printed on
     * {@code System.err}, as an uncaught exception would be.
     *
     * @throws RejectedExecutionException if the pool is shut down, or {@code command} cannot be serialized
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof RemoteTask && ((RemoteTask<?>) command).pool() == this) {
            enqueue((RemoteTask<?>) command);
            return;
        }
        RemoteTask<Object> t = newRemoteTask(new ProcessPoolProtocol.RunnableCall(command), command, true, null);
        t.whenComplete((r, e) -> {
            if (e != null && !(e instanceof CancellationException)) {
                System.err.println("Exception in " + t.description + ", run by a ProcessPoolExecutor worker:");
                e.printStackTrace();
            }
        });
        enqueue(t);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, false, 0);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return invokeAny(tasks, true, unit.toNanos(timeout));
    }

    /** AbstractExecutorService's invokeAny goes through ExecutorCompletionService, whose wrapper cannot travel. */
    private <T> T invokeAny(Collection<? extends Callable<T>> tasks, boolean timed, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        List<RemoteTask<T>> futures = new ArrayList<>(tasks.size());
        BlockingQueue<RemoteTask<T>> done = new LinkedBlockingQueue<>();
        try {
            for (Callable<T> c : tasks) {
                futures.add(newRemoteTask(Objects.requireNonNull(c), c, false, null));
            }
            for (RemoteTask<T> f : futures) {
                f.whenComplete((r, e) -> done.add(f));
                enqueue(f);
            }
            long deadline = System.nanoTime() + nanos;
            ExecutionException last = null;
            for (int left = futures.size(); left > 0; left--) {
                RemoteTask<T> f = timed ? done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) : done.take();
                if (f == null) {
                    throw new TimeoutException();
                }
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            for (RemoteTask<T> f : futures) {
                f.cancel(true);
            }
        }
    }

    private <T> RemoteTask<T> newRemoteTask(Callable<?> sent, Object task, boolean fixed, T value) {
        String description = describe(task);
        byte[] payload;
        try {
            payload = ProcessPoolProtocol.serialize(sent);
        } catch (NotSerializableException e) {
            NotSerializableException clear = notSerializable(task, e);
            throw new RejectedExecutionException("cannot run " + description + " in a worker process: "
                    + clear.getMessage(), clear);
        } catch (IOException | RuntimeException e) {
            throw new RejectedExecutionException("cannot run " + description
                    + " in a worker process: it could not be serialized: " + e.getMessage(), e);
        }
        ClassLoader loader = task.getClass().getClassLoader();
        return new RemoteTask<>(payload, description, fixed, value, loader);
    }

    private static NotSerializableException notSerializable(Object task, NotSerializableException e) {
        String offender = e.getMessage();
        String taskClass = task.getClass().getName();
        String how = "a task run by ProcessPoolExecutor must be Serializable, and so must everything it captures"
                + " or holds: cast a lambda to (Callable<T> & Serializable) or (Runnable & Serializable), or"
                + " make the class implement java.io.Serializable";
        String message;
        if (taskClass.equals(offender)) {
            message = offender + " is not Serializable: " + how;
            if (task instanceof java.util.concurrent.Future) {
                message += " (a " + taskClass + " wraps the real task, and cannot cross the process boundary:"
                        + " submit the Serializable Callable itself, with submit or submitRemote)";
            }
        } else {
            message = offender + ", held by task " + taskClass + ", is not Serializable: " + how;
        }
        NotSerializableException clear = new NotSerializableException(message);
        clear.initCause(e);
        return clear;
    }

    private static String describe(Object task) {
        String name = task.getClass().getName();
        int slash = name.indexOf('/'); // hidden classes: Foo$$Lambda$14/0x0000000800c03000
        return "task " + (slash >= 0 ? name.substring(0, slash) : name);
    }

    private void enqueue(RemoteTask<?> t) {
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("the ProcessPoolExecutor is shut down; " + t.description
                        + " was not run");
            }
            pending.add(t);
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    // ---------------------------------------------------------------------------------------------------------
    // dispatching

    /**
     * Pairs queued tasks with idle workers, starting workers while below the limit, and retires the idle
     * workers of a pool that is shut down and has nothing queued. The I/O happens after the lock is released.
     */
    private void dispatch() {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            while (!pending.isEmpty()) {
                Worker idle = null;
                for (Worker w : workers) {
                    if (w.isIdle()) {
                        idle = w;
                        break;
                    }
                }
                if (idle != null) {
                    RemoteTask<?> t = pending.poll();
                    Worker w = idle;
                    assign(w, t);
                    actions.add(() -> send(w, t));
                } else if (workers.size() < maxWorkers) {
                    RemoteTask<?> t = pending.poll();
                    Worker w = new Worker(workerIds.incrementAndGet());
                    workers.add(w);
                    assign(w, t);
                    actions.add(() -> w.thread.start());
                } else {
                    break;
                }
            }
            if (shutdown && pending.isEmpty()) {
                for (Worker w : workers) {
                    if (w.isIdle()) {
                        w.retiring = true;
                        actions.add(w::retire);
                    }
                }
            }
            if (shutdown && pending.isEmpty() && workers.isEmpty() && !terminated) {
                terminated = true;
                terminatedCondition.signalAll();
            }
        } finally {
            lock.unlock();
        }
        actions.forEach(Runnable::run);
    }

    private void assign(Worker w, RemoteTask<?> t) {
        w.current = t;
        t.worker = w;
    }

    /** Sends {@code t}, assigned to {@code w}, unless it was cancelled meanwhile. */
    private void send(Worker w, RemoteTask<?> t) {
        if (t.isDone()) {
            taskDone(w, t);
            return;
        }
        try {
            w.stdin.write(ProcessPoolProtocol.TASK, t.payload);
        } catch (IOException e) {
            // the worker died before it got the task: a worker that already ran tasks died idle, and the task
            // goes back to the head of the queue, for another worker; a new one that died at once fails it, when
            // its reader thread sees the end of its output (else a JVM that cannot start would be retried forever)
            lock.lock();
            try {
                w.killed = true;
                if (w.replied && w.current == t && !stopped) {
                    w.current = null;
                    pending.addFirst(t);
                }
            } finally {
                lock.unlock();
            }
            w.process.destroyForcibly();
            dispatch();
        }
    }

    /** {@code w} is free of {@code t}: it takes the next task, or retires. */
    private void taskDone(Worker w, RemoteTask<?> t) {
        lock.lock();
        try {
            if (w.current == t) {
                w.current = null;
            }
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    private void cancelled(RemoteTask<?> t, boolean mayInterruptIfRunning) {
        Worker running = null;
        lock.lock();
        try {
            boolean queued = pending.remove(t);
            if (!queued && mayInterruptIfRunning && t.worker != null && t.worker.current == t) {
                running = t.worker;
            }
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.kill();
        }
        dispatch(); // idle workers of a shut down pool retire, perhaps
    }

    // ---------------------------------------------------------------------------------------------------------
    // shutting down

    @Override
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    /**
     * Shuts down, cancels the queued tasks and returns them (their futures are cancelled, so nobody waits on
     * them forever), cancels the running tasks and kills every worker.
     */
    @Override
    public List<Runnable> shutdownNow() {
        List<RemoteTask<?>> queued;
        List<RemoteTask<?>> running = new ArrayList<>();
        List<Worker> all;
        lock.lock();
        try {
            shutdown = true;
            stopped = true;
            queued = new ArrayList<>(pending);
            pending.clear();
            all = new ArrayList<>(workers);
            for (Worker w : all) {
                if (w.current != null) {
                    running.add(w.current);
                }
            }
        } finally {
            lock.unlock();
        }
        queued.forEach(t -> t.cancel(false));
        running.forEach(t -> t.cancel(true));
        all.forEach(Worker::kill);
        dispatch();
        return new ArrayList<>(queued);
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the pool is shut down, has no task left, and every worker process has exited. */
    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return terminated;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!terminated) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminatedCondition.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts down and waits until the queued and running tasks are done and every worker process has exited.
     * If interrupted while waiting, it shuts down now ({@link #shutdownNow()}), still waits for the workers to
     * exit, and returns with the interrupt status set.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        shutdown();
        while (!isTerminated()) {
            try {
                awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pids of the worker processes started and not yet known to have exited; for tests. */
    List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (Worker w : workers) {
                if (w.process != null) {
                    pids.add(w.process.pid());
                }
            }
            return pids;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "ProcessPoolExecutor[" + workers.size() + "/" + maxWorkers + " workers, " + pending.size()
                    + " queued" + (terminated ? ", terminated" : shutdown ? ", shut down" : "") + "]";
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // one worker

    /** A worker process, and the thread that starts it, then reads its output until it ends. */
    private final class Worker {
        final Thread thread;
        /** Null until started; guarded by the lock, like the fields below. */
        Process process;
        FrameWriter stdin;
        RemoteTask<?> current;
        /** It has replied to a task: it started fine. */
        boolean replied;
        boolean retiring;
        boolean killed;

        Worker(int id) {
            thread = new Thread(this::run, "awaitj-process-pool-" + poolId + "-worker-" + id);
            thread.setDaemon(true);
        }

        boolean isIdle() {
            return process != null && current == null && !retiring && !killed && process.isAlive();
        }

        void kill() {
            Process p;
            lock.lock();
            try {
                killed = true;
                p = process;
            } finally {
                lock.unlock();
            }
            if (p != null) {
                p.destroyForcibly();
            }
        }

        /** Closes its standard input: it exits; if it has not after a grace period, it is killed. */
        void retire() {
            try {
                stdin.close();
            } catch (IOException e) {
                // it is gone already
            }
            Process p = process;
            CompletableFuture.delayedExecutor(RETIRE_GRACE_SECONDS, TimeUnit.SECONDS).execute(() -> {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            });
        }

        private void run() {
            Process p;
            RemoteTask<?> first;
            try {
                p = new ProcessBuilder(command).redirectError(Redirect.INHERIT).start();
            } catch (IOException | RuntimeException e) {
                failedToStart(e);
                return;
            }
            boolean kill;
            lock.lock();
            try {
                process = p;
                stdin = new FrameWriter(p.getOutputStream());
                first = current;
                kill = killed;
            } finally {
                lock.unlock();
            }
            if (kill) {
                p.destroyForcibly();
            }
            if (first != null) {
                send(this, first);
            }
            Throwable problem = null;
            try {
                readLoop(p);
            } catch (IOException | RuntimeException e) {
                problem = e;
            }
            exited(p, problem);
        }

        private void readLoop(Process p) throws IOException {
            FrameReader in = new FrameReader(p.getInputStream(), System.err);
            for (Frame f; (f = in.read()) != null; ) {
                switch (f.kind) {
                    case ProcessPoolProtocol.STDOUT:
                        System.out.write(f.payload, 0, f.payload.length);
                        System.out.flush();
                        break;
                    case ProcessPoolProtocol.STDERR:
                        System.err.write(f.payload, 0, f.payload.length);
                        System.err.flush();
                        break;
                    case ProcessPoolProtocol.RESULT:
                    case ProcessPoolProtocol.THROWN:
                        RemoteTask<?> t;
                        lock.lock();
                        try {
                            t = current;
                            replied = true;
                        } finally {
                            lock.unlock();
                        }
                        if (t == null) {
                            throw new IOException("worker process " + p.pid() + " replied with no task in flight");
                        }
                        // free the worker for the next task first: the future's callbacks run in this thread
                        taskDone(this, t);
                        t.settle(f, p.pid());
                        break;
                    default:
                        throw new IOException("worker process " + p.pid() + " sent a frame of unknown kind " + f.kind);
                }
            }
        }

        private void exited(Process p, Throwable problem) {
            if (problem != null) {
                p.destroyForcibly(); // it broke the protocol
            }
            int exit;
            try {
                boolean gone;
                try {
                    gone = p.waitFor(RETIRE_GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    gone = false; // nobody interrupts this thread, but a user's callback might have
                }
                if (!gone) {
                    p.destroyForcibly(); // it closed its standard output, yet lives on
                }
                exit = waitForUninterruptibly(p);
            } finally {
                try {
                    stdin.close();
                } catch (IOException e) {
                    // gone
                }
            }
            RemoteTask<?> t;
            lock.lock();
            try {
                workers.remove(this);
                t = current;
                current = null;
            } finally {
                lock.unlock();
            }
            if (t != null) {
                t.completeExceptionally(new WorkerExitedException(p.pid(), exit, t.description, problem));
            }
            dispatch();
        }

        private void failedToStart(Exception e) {
            RemoteTask<?> t;
            lock.lock();
            try {
                workers.remove(this);
                t = current;
                current = null;
            } finally {
                lock.unlock();
            }
            if (t != null) {
                t.completeExceptionally(new IOException("could not start a worker process (" + command.get(0) + "): "
                        + e.getMessage(), e));
            }
            dispatch();
        }
    }

    private static int waitForUninterruptibly(Process p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // one task

    /** The future of one task: queued, then sent to a worker, then settled by that worker's reply. */
    private final class RemoteTask<T> extends CompletableFuture<T> implements RunnableFuture<T> {
        final byte[] payload;
        final String description;
        private final boolean fixed;
        private final T value;
        private final ClassLoader loader;
        /** The worker it was given to; guarded by the pool's lock. */
        Worker worker;

        RemoteTask(byte[] payload, String description, boolean fixed, T value, ClassLoader loader) {
            this.payload = payload;
            this.description = description;
            this.fixed = fixed;
            this.value = value;
            this.loader = loader;
        }

        ProcessPoolExecutor pool() {
            return ProcessPoolExecutor.this;
        }

        /** Not supported: the task runs in a worker process once {@linkplain #execute executed}. */
        @Override
        public void run() {
            if (!isDone()) {
                throw new UnsupportedOperationException(description + " runs in a worker process of its"
                        + " ProcessPoolExecutor, not in the thread that calls run()");
            }
        }

        /**
         * Cancels: a queued task is dropped; with {@code mayInterruptIfRunning}, the worker running the task is
         * killed (and replaced for the next task).
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                cancelled(this, mayInterruptIfRunning);
            }
            return cancelled;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }

        @SuppressWarnings("unchecked")
        void settle(Frame reply, long pid) {
            Object o;
            try {
                o = ProcessPoolProtocol.deserialize(reply.payload, loader);
            } catch (Exception | LinkageError | StackOverflowError e) {
                InvalidObjectException clear = new InvalidObjectException("could not deserialize the "
                        + (reply.kind == ProcessPoolProtocol.RESULT ? "result" : "exception") + " of " + description
                        + ", sent by worker process " + pid + ": " + e.getMessage());
                clear.initCause(e);
                completeExceptionally(clear);
                return;
            }
            if (reply.kind == ProcessPoolProtocol.THROWN) {
                completeExceptionally(o instanceof Throwable ? (Throwable) o : new InvalidObjectException(
                        "worker process " + pid + " sent a " + o.getClass().getName() + " as the exception of "
                                + description));
            } else {
                complete(fixed ? value : (T) o);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // exceptions

    /** Fails the task a worker process was running when it exited: it called System.exit, crashed or was killed. */
    public static final class WorkerExitedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long pid;
        private final int exitValue;

        WorkerExitedException(long pid, int exitValue, String task, Throwable cause) {
            super("worker process " + pid + " exited with code " + exitValue
                    + (exitValue > 128 ? " (killed by signal " + (exitValue - 128) + "?)" : "")
                    + " while running " + task + (cause == null ? "" : ", after it broke the protocol: " + cause),
                    cause);
            this.pid = pid;
            this.exitValue = exitValue;
        }

        /** The pid of the worker process. */
        public long pid() {
            return pid;
        }

        /** Its exit code. */
        public int exitValue() {
            return exitValue;
        }
    }

    /**
     * Stands in for an exception thrown by a task that could not itself be serialized back to the parent:
     * it has the original's class name (in its message and {@link #remoteClassName()}), message, stack
     * trace and causes (stood in for likewise).
     */
    public static final class RemoteTaskException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String remoteClassName;

        private RemoteTaskException(String remoteClassName, String message) {
            super(message);
            this.remoteClassName = remoteClassName;
        }

        /** The class name of the exception it stands in for. */
        public String remoteClassName() {
            return remoteClassName;
        }

        static RemoteTaskException standIn(Throwable e, Throwable whyNot) {
            RemoteTaskException top = standIn(e, " (the exception could not be sent back from its worker process: "
                    + whyNot + ")", 0);
            return top;
        }

        private static RemoteTaskException standIn(Throwable e, String note, int depth) {
            RemoteTaskException r = new RemoteTaskException(e.getClass().getName(),
                    e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + note);
            r.setStackTrace(e.getStackTrace());
            Throwable cause = e.getCause();
            if (cause != null && cause != e && depth < 64) {
                r.initCause(standIn(cause, "", depth + 1));
            }
            return r;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the worker's command line

    private static List<String> workerCommand(List<String> extraOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(awaitjAgent());
        cmd.addAll(extraOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path", "."));
        cmd.add(ProcessPoolWorker.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(encoding("stdout.encoding", "sun.stdout.encoding"));
        cmd.add(encoding("stderr.encoding", "sun.stderr.encoding"));
        return List.copyOf(cmd);
    }

    private static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The -javaagent option that loaded the awaitj agent into this JVM, if any. */
    private static List<String> awaitjAgent() {
        if (System.getProperty("awaitj.agent") == null) {
            return List.of();
        }
        String[] args = ProcessHandle.current().info().arguments().orElse(new String[0]);
        for (String a : args) {
            if (!a.startsWith("-javaagent:")) {
                continue;
            }
            String jar = a.substring("-javaagent:".length());
            int eq = jar.indexOf('=');
            String path = eq >= 0 ? jar.substring(0, eq) : jar;
            try (JarFile f = new JarFile(path)) {
                var manifest = f.getManifest();
                if (manifest != null && "org.awaitj.agent.AwaitJAgent".equals(
                        manifest.getMainAttributes().getValue("Premain-Class"))) {
                    return List.of(a);
                }
            } catch (IOException | SecurityException e) {
                // not that one
            }
        }
        return List.of();
    }

    private static String encoding(String property, String legacyProperty) {
        String e = System.getProperty(property);
        if (e == null) {
            e = System.getProperty(legacyProperty);
        }
        if (e == null || !Charset.isSupported(e)) {
            e = Charset.defaultCharset().name();
        }
        return e;
    }
}
