/**
 * Queues for tasks, as asyncio's: {@link org.awaitj.queue.Queue} (first in, first out),
 * {@link org.awaitj.queue.PriorityQueue} and {@link org.awaitj.queue.LifoQueue}, with the exceptions of their
 * nowait operations and of shutdown. A full or empty queue suspends the task that puts or gets, never the thread.
 *
 * <p>Depends on the core {@code org.awaitj}, on {@code org.awaitj.internal} (the waiter lines and the base of
 * hand-written coroutines), and on {@link org.awaitj.sync.Event} of {@code org.awaitj.sync}, which
 * {@code join()} waits on.
 */
package org.awaitj.queue;
