package org.awaitj.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ProcessPoolExecutor#invokeAny}: runs the tasks, returns the result of the first to succeed, and
 * cancels the others. AbstractExecutorService's own goes through ExecutorCompletionService, whose wrapper of
 * a task cannot travel to a worker process.
 */
final class InvokeAny {
    private InvokeAny() {
    }

    /**
     * The result of the first of {@code tasks} to succeed, run by {@code scheduler}, waiting at most {@code nanos} if
     * {@code timed}; every task is cancelled (and its worker killed if it runs) before it returns or throws.
     */
    static <T> T firstResult(Scheduler scheduler, Collection<? extends Callable<T>> tasks, boolean timed,
            long nanos) throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        List<RemoteTask<T>> futures = new ArrayList<>(tasks.size());
        BlockingQueue<RemoteTask<T>> done = new LinkedBlockingQueue<>();
        try {
            for (Callable<T> c : tasks) {
                futures.add(RemoteTask.of(scheduler, Objects.requireNonNull(c)));
            }
            for (RemoteTask<T> f : futures) {
                f.whenComplete((r, e) -> done.add(f));
                scheduler.enqueue(f);
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
}
