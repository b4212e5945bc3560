package org.awaitj;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitj.internal.CoroutineSupport;

/**
 * {@link EventLoop#shutdownDefaultExecutor}, as asyncio's {@code shutdown_default_executor}: the pool takes no
 * more work, and a thread of its own waits for the pool's threads to finish while the loop goes on running (work
 * on those threads may still need the loop); past the timeout, a warning, and the pool's threads are left to end
 * by themselves.
 */
final class ExecutorShutdown extends Coroutine<Void> {
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    private final EventLoop loop;
    private final double timeout;
    private boolean waiting;

    private ExecutorShutdown(EventLoop loop, double timeout) {
        this.loop = loop;
        this.timeout = timeout;
    }

    /** Refuses a bad timeout before any coroutine exists (see {@link Sleep#of}). */
    static ExecutorShutdown of(EventLoop loop, double timeout) {
        if (Double.isNaN(timeout) || timeout < 0) {
            throw new IllegalArgumentException("shutdownDefaultExecutor timeout must be a number of seconds >= 0 "
                    + "(infinity to wait as long as it takes), got " + timeout);
        }
        return new ExecutorShutdown(loop, timeout);
    }

    @Override
    protected Object invokeSuspend() {
        try {
            if (waiting) {
                waiting = false;
                Awaiting.resumeValue(this);
                return complete(null);
            }
            ExecutorService pool = loop.defaultExecutor.shutdown();
            if (pool == null || pool.isTerminated()) {
                return complete(null);
            }
            Object r = Awaiting.awaitCoroutine(new WaitFor<>(ForeignFuture.fromStage(joined(pool), loop), timeout), this);
            if (r == CoroutineSupport.SUSPENDED) {
                waiting = true;
                return r;
            }
            return complete(null);
        } catch (Throwable e) {
            if (!(e instanceof TimeoutException)) {
                throw CoroutineSupport.sneakyThrow(e);
            }
            LOG.log(System.Logger.Level.WARNING, "the default executor did not finish its work within " + timeout
                    + " seconds: its threads are left to end by themselves");
            return complete(null);
        }
    }

    /** Completes once every thread of {@code pool} is done, from a thread that waits for that. */
    private static CompletableFuture<Void> joined(ExecutorService pool) {
        CompletableFuture<Void> joined = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    Thread.onSpinWait();    // still working: wait on
                }
                joined.complete(null);
            } catch (InterruptedException e) {
                joined.completeExceptionally(e);
            }
        }, "awaitj-default-executor-shutdown");
        waiter.setDaemon(true);
        waiter.start();
        return joined;
    }

    @Override
    protected String describe() {
        return "EventLoop.shutdownDefaultExecutor(" + timeout + ")";
    }
}
