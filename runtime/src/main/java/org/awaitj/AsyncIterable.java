package org.awaitj;

/**
 * Something an {@code @Async} method can iterate with {@code await}: Python's asynchronous iterable, what
 * {@code async for} takes.
 *
 * <pre>
 * try (AsyncIterator&lt;T&gt; it = iterable.iterator()) {
 *     while (await(it.hasNext())) {
 *         T v = it.next();
 *     }
 * }
 * </pre>
 *
 * @param <T> the type of the elements
 */
@FunctionalInterface
public interface AsyncIterable<T> {
    /** A new iteration (for an {@link AsyncGenerator}, its one iteration). */
    AsyncIterator<T> iterator();
}
