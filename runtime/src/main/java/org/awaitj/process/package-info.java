/**
 * The process pool: {@link org.awaitj.process.ProcessPoolExecutor}, Python's
 * {@code concurrent.futures.ProcessPoolExecutor}, which runs tasks in worker JVMs, and its exceptions
 * ({@link org.awaitj.process.WorkerExitedException}, {@link org.awaitj.process.RemoteTaskException}).
 * The rest is package-private: the pool's scheduling, the parent's handle on each worker JVM and the
 * command line that starts it, the worker's main class, and the wire format between them (frames, their
 * serialized payloads, and the filter of what may be deserialized).
 *
 * <p>This package may depend on the core, {@code org.awaitj}, and on {@code org.awaitj.internal} (today it
 * needs neither: it is built on the JDK alone). Nothing depends on it but the {@code AsyncIO} facade, whose
 * {@code runInExecutor} hands a {@code ProcessPoolExecutor} the callable itself, through
 * {@link org.awaitj.process.ProcessPoolExecutor#submitRemote submitRemote}.
 */
package org.awaitj.process;
