package org.awaitj.io;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.AwaitOperation;
import org.awaitj.internal.CoroutineSupport;

/**
 * A child process started by {@link AsyncIO#createSubprocessExec}: asyncio's {@code Process}, with its three
 * pipes as streams. {@link #stdin()} is a {@link StreamWriter} (close it, or {@code writeEof()}, to send EOF),
 * {@link #stdout()} and {@link #stderr()} are {@link StreamReader}s, {@link #waitFor()} awaits the exit code.
 *
 * <p>Process pipes are not selectable in Java, so each pipe in use has a daemon thread of its own that moves
 * bytes between the blocking stream and the loop ({@link EventLoop#callSoonThreadsafe}); they end with the
 * pipes. Dedicated threads rather than the default executor: they block for as long as the child lives, and
 * would starve {@code toThread} of its few workers. Flow control holds in both directions.
 *
 * <p>As in asyncio, a child that writes more than the reader's limit to a pipe nobody reads blocks until
 * someone does: read stdout and stderr concurrently, or redirect what is not needed (see
 * {@link AsyncIO#createSubprocessExec(ProcessBuilder)}).
 */
public final class Subprocess {
    private final Process process;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final Future<Process> exit;

    private Subprocess(EventLoop loop, Process process, String name) {
        this.process = process;
        this.stdout = new StreamReader();
        this.stderr = new StreamReader();
        new PipeReadTransport(loop, process.getInputStream(), stdout, name + "-stdout").start();
        new PipeReadTransport(loop, process.getErrorStream(), stderr, name + "-stderr").start();
        StreamProtocol protocol = new StreamProtocol(loop, null, null);
        PipeWriteTransport in = new PipeWriteTransport(loop, process.getOutputStream(), protocol, name + "-stdin");
        protocol.connectionMade(in);
        this.stdin = protocol.writer();
        this.exit = CoroutineSupport.fromStage(process.onExit(), loop);
        exit.addDoneCallback(f -> in.processExited());
    }

    /**
     * What {@link AsyncIO#createSubprocessExec(ProcessBuilder)} does: starts the builder's command when awaited,
     * and pipes what the builder leaves as {@code PIPE}.
     */
    public static Coroutine<Subprocess> start(ProcessBuilder builder) {
        return new AwaitOperation<>("AsyncIO.createSubprocessExec(" + String.join(" ", builder.command()) + ")", loop -> {
            Future<Subprocess> f = loop.createFuture();
            Process p = builder.start();    // fork and exec, as asyncio does on the loop; IOException if it cannot
            f.setResult(new Subprocess(loop, p, "awaitj-subprocess-" + p.pid()));
            return f;
        });
    }

    /** The child's standard input. */
    public StreamWriter stdin() {
        return stdin;
    }

    /** The child's standard output. */
    public StreamReader stdout() {
        return stdout;
    }

    /** The child's standard error. */
    public StreamReader stderr() {
        return stderr;
    }

    /** Waits for the child to exit and returns its exit code. */
    public Coroutine<Integer> waitFor() {
        return new AwaitOperation<>("Subprocess.waitFor", loop -> {
            Future<Integer> code = loop.createFuture();
            Future<Process> shielded = AsyncIO.shield(exit);    // cancelling one waiter leaves the others
            if (shielded.isDone()) {
                code.setResult(process.exitValue());
                return code;
            }
            shielded.addDoneCallback(f -> {
                if (!code.isDone()) {
                    code.setResult(process.exitValue());
                }
            });
            code.addDoneCallback(f -> {
                if (f.isCancelled()) {
                    shielded.cancel();
                }
            });
            return code;
        });
    }

    /** The exit code, or null while the child runs (as far as the loop knows). */
    public Integer returnCode() {
        return exit.isDone() ? process.exitValue() : null;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Kills the child at once (SIGKILL). */
    public void kill() {
        process.destroyForcibly();
    }

    /** Asks the child to stop (SIGTERM). */
    public void terminate() {
        process.destroy();
    }

    @Override
    public String toString() {
        return "<Subprocess pid=" + process.pid() + (exit.isDone() ? " returncode=" + process.exitValue() : " running") + ">";
    }
}
