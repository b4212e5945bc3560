package org.awaitj.process;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The parent's side of one worker JVM of a {@link ProcessPoolExecutor}: the process, the pipe that carries
 * tasks to it, the task it runs, and the thread that starts it and then reads its frames (the output its
 * tasks print, and their results) until its output ends. Then it leaves its pool, failing the task it was
 * running, if any; the pool starts a new worker for the next task. Its fields are guarded by the lock of
 * its {@link Scheduler}.
 */
final class WorkerProcess {
    /** How long a worker whose standard input was closed gets to exit before it is killed. */
    private static final long RETIRE_GRACE_SECONDS = 10;

    private final Scheduler scheduler;
    private final ReentrantLock lock;
    private final List<String> command;
    private final Thread thread;
    /** Null until started. */
    Process process;
    private FrameWriter stdin;
    /** The task it was given, until it is done with it. */
    RemoteTask<?> current;
    /** It has replied to a task: it started fine. */
    private boolean replied;
    /** It was told to exit. */
    boolean retiring;
    private boolean killed;

    /** A worker of {@code scheduler}, whose lock is {@code lock}; {@link #start()} starts it with {@code command}. */
    WorkerProcess(Scheduler scheduler, ReentrantLock lock, List<String> command, String name) {
        this.scheduler = scheduler;
        this.lock = lock;
        this.command = command;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts the process, then sends it the task it was assigned, if any, from a thread of its own. */
    void start() {
        thread.start();
    }

    /** Whether it is up, and free for a task; the lock held. */
    boolean isIdle() {
        return process != null && current == null && !retiring && !killed && process.isAlive();
    }

    /** Gives it {@code t}, to {@linkplain #send send} once the lock is released; the lock held. */
    void assign(RemoteTask<?> t) {
        current = t;
        t.worker = this;
    }

    /** Sends {@code t}, assigned to it, unless it was cancelled meanwhile; the lock not held. */
    void send(RemoteTask<?> t) {
        if (t.isDone()) {
            finished(t);
            return;
        }
        try {
            stdin.write(Frame.TASK, t.payload);
        } catch (IOException e) {
            // the worker died before it got the task: a worker that already ran tasks died idle, and the task
            // goes back to the head of the queue, for another worker; a new one that died at once fails it, when
            // its reader thread sees the end of its output (else a JVM that cannot start would be retried forever)
            lock.lock();
            try {
                killed = true;
                if (replied && current == t && scheduler.requeue(t)) {
                    current = null;
                }
            } finally {
                lock.unlock();
            }
            process.destroyForcibly();
            scheduler.dispatch();
        }
    }

    /** It is free of {@code t}: the pool gives it the next task, or retires it. */
    private void finished(RemoteTask<?> t) {
        lock.lock();
        try {
            if (current == t) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
        scheduler.dispatch();
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
        try {
            p = new ProcessBuilder(command).redirectError(Redirect.INHERIT).start();
        } catch (IOException | RuntimeException e) {
            leave(t -> new IOException("could not start a worker process (" + command.get(0) + "): "
                    + e.getMessage(), e));
            return;
        }
        RemoteTask<?> first;
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
            send(first);
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
            switch (f.kind()) {
                case Frame.STDOUT:
                    System.out.write(f.payload(), 0, f.payload().length);
                    System.out.flush();
                    break;
                case Frame.STDERR:
                    System.err.write(f.payload(), 0, f.payload().length);
                    System.err.flush();
                    break;
                case Frame.RESULT:
                case Frame.THROWN:
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
                    finished(t);
                    t.settle(f, p.pid());
                    break;
                default:
                    throw new IOException("worker process " + p.pid() + " sent a frame of unknown kind " + f.kind());
            }
        }
    }

    /** Its output ended, or broke the protocol ({@code problem}): it is made to exit, and leaves the pool. */
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
        leave(t -> new WorkerExitedException(p.pid(), exit, t.description, problem));
    }

    /** Leaves the pool, failing the task it was running with {@code failure}, and lets the pool go on without it. */
    private void leave(Function<RemoteTask<?>, Exception> failure) {
        RemoteTask<?> t;
        lock.lock();
        try {
            scheduler.forget(this);
            t = current;
            current = null;
        } finally {
            lock.unlock();
        }
        if (t != null) {
            t.completeExceptionally(failure.apply(t));
        }
        scheduler.dispatch();
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
}
