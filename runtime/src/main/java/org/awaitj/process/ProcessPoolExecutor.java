package org.awaitj.process;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * {@code DeserializationFilter} for the exact rule); anything else fails the task with an
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
    private final int maxWorkers;
    private final Scheduler scheduler;

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
        this.scheduler = new Scheduler(workers, WorkerCommand.of(List.copyOf(jvmOptions)));
    }

    /** The most worker processes this pool runs at once. */
    public int maxWorkers() {
        return maxWorkers;
    }

    /**
     * Runs {@code task} in a worker process; the future completes with its result or exception, and
     * {@code cancel(true)} on it kills the worker if the task is running (see the class comment).
     *
     * @throws RejectedExecutionException if the pool is shut down, or the task cannot be serialized (the
     *     cause says why)
     */
    public <T> CompletableFuture<T> submitRemote(Callable<T> task) {
        RemoteTask<T> t = RemoteTask.of(scheduler, Objects.requireNonNull(task, "task"));
        scheduler.enqueue(t);
        return t;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return RemoteTask.of(scheduler, callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return RemoteTask.of(scheduler, runnable, value);
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
        if (command instanceof RemoteTask && ((RemoteTask<?>) command).scheduler() == scheduler) {
            scheduler.enqueue((RemoteTask<?>) command); // from submit, through newTaskFor
            return;
        }
        RemoteTask<Object> t = RemoteTask.of(scheduler, command, null);
        t.whenComplete((r, e) -> {
            if (e != null && !(e instanceof CancellationException)) {
                System.err.println("Exception in " + t.description + ", run by a ProcessPoolExecutor worker:");
                e.printStackTrace();
            }
        });
        scheduler.enqueue(t);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return InvokeAny.firstResult(scheduler, tasks, false, 0);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return InvokeAny.firstResult(scheduler, tasks, true, unit.toNanos(timeout));
    }

    /** Refuses new tasks; the queued and running ones still run, then each worker is stopped once idle. */
    @Override
    public void shutdown() {
        scheduler.shutdown();
    }

    /**
     * Shuts down, cancels the queued tasks and returns them (their futures are cancelled, so nobody waits on
     * them forever), cancels the running tasks and kills every worker.
     */
    @Override
    public List<Runnable> shutdownNow() {
        return scheduler.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return scheduler.isShutdown();
    }

    /** Whether the pool is shut down, has no task left, and every worker process has exited. */
    @Override
    public boolean isTerminated() {
        return scheduler.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return scheduler.awaitTermination(unit.toNanos(timeout));
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
        return scheduler.workerPids();
    }

    @Override
    public String toString() {
        return "ProcessPoolExecutor[" + scheduler + "]";
    }
}
