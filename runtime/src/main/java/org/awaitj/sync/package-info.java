/**
 * Synchronisation primitives for tasks, as asyncio's: {@link org.awaitj.sync.Lock}, {@link org.awaitj.sync.Event},
 * {@link org.awaitj.sync.Condition}, {@link org.awaitj.sync.Semaphore}, {@link org.awaitj.sync.BoundedSemaphore}
 * and {@link org.awaitj.sync.Barrier}, with the {@link org.awaitj.sync.Held} that {@code locked()} returns for
 * Python's {@code async with}. They suspend tasks, never threads, and belong to the event loop of the first task
 * that waits on them.
 *
 * <p>Depends on the core {@code org.awaitj} and on {@code org.awaitj.internal} (the waiter line and the base of
 * hand-written coroutines) only. {@code org.awaitj.queue} uses its {@link org.awaitj.sync.Event}.
 */
package org.awaitj.sync;
