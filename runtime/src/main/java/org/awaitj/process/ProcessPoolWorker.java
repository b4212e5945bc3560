package org.awaitj.process;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of a {@link ProcessPoolExecutor} worker JVM (the {@code java} launcher needs only its
 * {@code main} to be public).
 *
 * <p>Arguments ({@link WorkerCommand}): the parent's pid, then the charsets of the parent's System.out and
 * System.err. The worker keeps file descriptor 1 for the {@link Frame}s and replaces System.out and
 * System.err by streams that send what tasks print to the parent, which prints it on its own System.out and
 * System.err; System.in is empty. A thread reads task frames from standard input as they come, and the main
 * thread runs them one at a time, replying to each with its result or exception.
 *
 * <p>The worker exits when its standard input ends (the parent closed it, or died), even in the middle of a
 * task, and as a backstop when a watchdog sees the parent process gone.
 */
final class ProcessPoolWorker {
    private static final long PID = ProcessHandle.current().pid();

    private ProcessPoolWorker() {
    }

    public static void main(String[] args) {
        // the real standard output carries the protocol, and nothing else
        FrameWriter writer = new FrameWriter(new FileOutputStream(FileDescriptor.out));
        PrintStream out = new PrintStream(new BufferedOutputStream(
                new Forward(writer, Frame.STDOUT), 8192), true, charset(args, 1));
        PrintStream err = new PrintStream(new BufferedOutputStream(
                new Forward(writer, Frame.STDERR), 8192), true, charset(args, 2));
        PrintStream nativeErr = System.err;
        System.setOut(out);
        System.setErr(err);
        System.setIn(InputStream.nullInputStream());

        if (args.length > 0) {
            watchParent(Long.parseLong(args[0]));
        }

        BlockingQueue<byte[]> tasks = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            FrameReader in = new FrameReader(new FileInputStream(FileDescriptor.in), nativeErr);
            try {
                for (Frame f; (f = in.read()) != null; ) {
                    if (f.kind() == Frame.TASK) {
                        tasks.add(f.payload());
                    } else {
                        nativeErr.println("[awaitj] process pool worker " + PID + ": unknown frame kind " + f.kind());
                    }
                }
            } catch (IOException e) {
                nativeErr.println("[awaitj] process pool worker " + PID + ": " + e);
            }
            // the parent closed our standard input, or is gone: stop, even in the middle of a task
            out.flush();
            err.flush();
            System.exit(0);
        }, "awaitj-worker-stdin");
        reader.setDaemon(true);
        reader.start();

        while (true) {
            byte[] payload;
            try {
                payload = tasks.take();
            } catch (InterruptedException e) {
                continue; // a task's leftover interrupt; only the end of standard input stops the worker
            }
            runOne(payload, writer, out, err);
            Thread.interrupted();
        }
    }

    private static Charset charset(String[] args, int i) {
        try {
            return args.length > i ? Charset.forName(args[i]) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Exits once the parent process is gone, should the end of standard input go unnoticed. */
    private static void watchParent(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(0);
        }
        ProcessHandle p = parent.get();
        Thread watchdog = new Thread(() -> {
            while (p.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    // keep watching
                }
            }
            Runtime.getRuntime().halt(0);
        }, "awaitj-worker-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void runOne(byte[] payload, FrameWriter writer, PrintStream out, PrintStream err) {
        Callable<?> task;
        try {
            task = (Callable<?>) Payloads.deserialize(payload, ProcessPoolWorker.class.getClassLoader());
        } catch (Throwable e) {
            InvalidObjectException clear = new InvalidObjectException("worker process " + PID
                    + " could not deserialize the task: " + e);
            clear.initCause(e);
            reply(writer, Frame.THROWN, serializeThrowable(clear), out, err);
            return;
        }
        Object result;
        try {
            result = task.call();
        } catch (Throwable e) {
            reply(writer, Frame.THROWN, serializeThrowable(e), out, err);
            return;
        }
        byte[] bytes;
        try {
            bytes = Payloads.serialize(result);
        } catch (Throwable e) {
            reply(writer, Frame.THROWN, serializeThrowable(resultFailure(result, e)), out, err);
            return;
        }
        reply(writer, Frame.RESULT, bytes, out, err);
    }

    private static void reply(FrameWriter writer, byte kind, byte[] payload, PrintStream out, PrintStream err) {
        // what the task printed reaches the parent before its result
        out.flush();
        err.flush();
        try {
            writer.write(kind, payload);
        } catch (IOException e) {
            System.exit(0); // the parent is gone
        }
    }

    /** The exception that fails a task whose result cannot be sent back, saying why. */
    private static Throwable resultFailure(Object result, Throwable e) {
        String what = "the result of the task (a " + result.getClass().getName() + ")";
        IOException clear;
        if (e instanceof NotSerializableException) {
            String offender = e.getMessage();
            clear = new NotSerializableException(offender + ": " + what + " cannot be sent back from worker process "
                    + PID + (offender != null && offender.equals(result.getClass().getName()) ? ""
                            : ", as it holds a " + offender + ", which is not Serializable")
                    + "; a task run by ProcessPoolExecutor must return a Serializable value (or null)");
        } else if (e instanceof InvalidClassException) {
            InvalidClassException ice = (InvalidClassException) e;
            clear = new InvalidClassException(ice.classname, what + " cannot be sent back from worker process " + PID
                    + ": " + ice.getMessage());
        } else {
            clear = new InvalidObjectException(what + " cannot be sent back from worker process " + PID
                    + ": its serialization failed with " + e);
        }
        clear.initCause(e);
        return clear;
    }

    /** {@code e} serialized; when it cannot be, a {@link RemoteTaskException} that stands in for it. */
    private static byte[] serializeThrowable(Throwable e) {
        try {
            return Payloads.serialize(e);
        } catch (Throwable whyNot) {
            try {
                return Payloads.serialize(RemoteTaskException.standIn(e, whyNot));
            } catch (Throwable again) {
                try {
                    return Payloads.serialize(new IOException(e.getClass().getName() + ": " + e.getMessage()
                            + " (could not be sent back from worker process " + PID + ")"));
                } catch (IOException impossible) {
                    throw new AssertionError(impossible);
                }
            }
        }
    }

    /** Sends what is written to it as output frames of one kind. */
    private static final class Forward extends OutputStream {
        /** The longest output frame it sends: longer writes are split. */
        private static final int MAX_OUTPUT_FRAME = 1 << 16;

        private final FrameWriter writer;
        private final byte kind;

        Forward(FrameWriter writer, byte kind) {
            this.writer = writer;
            this.kind = kind;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                while (len > 0) {
                    int n = Math.min(len, MAX_OUTPUT_FRAME);
                    writer.write(kind, b, off, n);
                    off += n;
                    len -= n;
                }
            } catch (IOException e) {
                // the parent is gone; the reader thread ends the worker
            }
        }
    }
}
