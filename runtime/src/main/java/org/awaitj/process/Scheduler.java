package org.awaitj.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The scheduling of a {@link ProcessPoolExecutor}: its queue of tasks, its {@link WorkerProcess}es, which
 * worker runs which task, and how far the pool is shut down. One lock guards all of it, the fields of the
 * workers, and the worker of each task; what takes I/O (starting a worker, sending it a task, stopping it)
 * happens after the lock is released.
 */
final class Scheduler {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int maxWorkers;
    private final List<String> command;
    private final int poolId = POOLS.incrementAndGet();
    private final AtomicInteger workerIds = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminatedCondition = lock.newCondition();
    private final ArrayDeque<RemoteTask<?>> pending = new ArrayDeque<>();
    private final List<WorkerProcess> workers = new ArrayList<>();
    private boolean shutdown;
    /** shutdownNow was called. */
    private boolean stopped;
    private boolean terminated;

    /** Runs at most {@code maxWorkers} workers at once, each started with {@code command}. */
    Scheduler(int maxWorkers, List<String> command) {
        this.maxWorkers = maxWorkers;
        this.command = command;
    }

    /** Queues {@code t}, unless the pool is shut down: then it throws RejectedExecutionException. */
    void enqueue(RemoteTask<?> t) {
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

    /**
     * Pairs queued tasks with idle workers, starting workers while below the limit, and retires the idle
     * workers of a pool that is shut down and has nothing queued. The I/O happens after the lock is released.
     */
    void dispatch() {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            while (!pending.isEmpty()) {
                WorkerProcess idle = null;
                for (WorkerProcess w : workers) {
                    if (w.isIdle()) {
                        idle = w;
                        break;
                    }
                }
                if (idle != null) {
                    RemoteTask<?> t = pending.poll();
                    WorkerProcess w = idle;
                    w.assign(t);
                    actions.add(() -> w.send(t));
                } else if (workers.size() < maxWorkers) {
                    RemoteTask<?> t = pending.poll();
                    WorkerProcess w = new WorkerProcess(this, lock, command,
                            "awaitj-process-pool-" + poolId + "-worker-" + workerIds.incrementAndGet());
                    workers.add(w);
                    w.assign(t);
                    actions.add(w::start);
                } else {
                    break;
                }
            }
            if (shutdown && pending.isEmpty()) {
                for (WorkerProcess w : workers) {
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

    /**
     * Puts {@code t} back at the head of the queue, for another worker, unless the pool was shut down now;
     * whether it did. The lock held.
     */
    boolean requeue(RemoteTask<?> t) {
        if (stopped) {
            return false;
        }
        pending.addFirst(t);
        return true;
    }

    /** {@code w} has exited: the pool no longer counts it; the lock held. */
    void forget(WorkerProcess w) {
        workers.remove(w);
    }

    /** {@code t} was cancelled: it leaves the queue, or its worker is killed if {@code mayInterruptIfRunning}. */
    void cancelled(RemoteTask<?> t, boolean mayInterruptIfRunning) {
        WorkerProcess running = null;
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

    /** Refuses new tasks; the queued ones still run, then the workers retire. */
    void shutdown() {
        lock.lock();
        try {
            shutdown = true;
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    /** Shuts down, cancels the queued tasks and returns them, cancels the running tasks and kills every worker. */
    List<Runnable> shutdownNow() {
        List<RemoteTask<?>> queued;
        List<RemoteTask<?>> running = new ArrayList<>();
        List<WorkerProcess> all;
        lock.lock();
        try {
            shutdown = true;
            stopped = true;
            queued = new ArrayList<>(pending);
            pending.clear();
            all = new ArrayList<>(workers);
            for (WorkerProcess w : all) {
                if (w.current != null) {
                    running.add(w.current);
                }
            }
        } finally {
            lock.unlock();
        }
        queued.forEach(t -> t.cancel(false));
        running.forEach(t -> t.cancel(true));
        all.forEach(WorkerProcess::kill);
        dispatch();
        return new ArrayList<>(queued);
    }

    boolean isShutdown() {
        return locked(() -> shutdown);
    }

    /** Whether the pool is shut down, has no task left, and every worker process has exited. */
    boolean isTerminated() {
        return locked(() -> terminated);
    }

    /** Waits at most {@code nanos} for the pool to be terminated; whether it is. */
    boolean awaitTermination(long nanos) throws InterruptedException {
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

    /** The pids of the worker processes started and not yet known to have exited. */
    List<Long> workerPids() {
        return locked(() -> {
            List<Long> pids = new ArrayList<>();
            for (WorkerProcess w : workers) {
                if (w.process != null) {
                    pids.add(w.process.pid());
                }
            }
            return pids;
        });
    }

    /** Its workers, queue and state, such as "2/4 workers, 0 queued, shut down". */
    @Override
    public String toString() {
        return locked(() -> workers.size() + "/" + maxWorkers + " workers, " + pending.size() + " queued"
                + (terminated ? ", terminated" : shutdown ? ", shut down" : ""));
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
