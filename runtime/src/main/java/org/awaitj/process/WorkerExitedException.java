package org.awaitj.process;

/**
 * Fails the task a worker process of a {@link ProcessPoolExecutor} was running when it exited: it called
 * {@code System.exit}, crashed or was killed. Only that task fails; the next one gets a new worker.
 */
public final class WorkerExitedException extends RuntimeException {
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
