package org.awaitj.sync;

/**
 * A lock, semaphore or condition held by the current task: what {@code await(lock.locked())} returns, for
 * Python's {@code async with lock:} written as
 *
 * <pre>{@code
 * try (var held = await(lock.locked())) {
 *     ...                                  // the lock is held here
 * }                                        // and released here, also when the block throws
 * }</pre>
 *
 * <p>{@link #close()} releases what was acquired, once: closing again does nothing.
 */
public final class Held implements AutoCloseable {
    private Runnable release;

    Held(Runnable release) {
        this.release = release;
    }

    /** Releases the lock, semaphore or condition; a second call does nothing. */
    @Override
    public void close() {
        Runnable r = release;
        if (r != null) {
            release = null;
            r.run();
        }
    }

    @Override
    public String toString() {
        return release == null ? "<Held released>" : "<Held>";
    }
}
