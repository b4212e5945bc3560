package org.awaitj;

/**
 * One iteration of an {@link AsyncIterable}: Python's {@code __anext__} split in Java's two steps.
 * {@code await(hasNext())} fetches the next element, suspending until it is there (or the iteration ends, or
 * fails: then it throws that exception); {@link #next()} hands it over. {@code hasNext()} again before
 * {@code next()} fetches nothing new.
 *
 * <p>Closing is Python's {@code aclose()}: a try-with-resources block around the iteration, inside an
 * {@code @Async} method, awaits {@link #closeAsync()} at its end, so an iteration left early (a break, a
 * return, an exception) releases what its source holds: a generator's {@code finally} blocks run then, and may
 * await.
 *
 * @param <T> the type of the elements
 */
public interface AsyncIterator<T> extends AsyncCloseable {
    /** Fetches the next element: true when there is one for {@link #next()}, false at the end. */
    Coroutine<Boolean> hasNext();

    /**
     * The element the last {@code await(hasNext())} fetched.
     *
     * @throws java.util.NoSuchElementException when no element was fetched, or it was taken already
     */
    T next();

    /**
     * Outside a rewritten {@code @Async} method nothing can await the cleanup: it throws. Declared without
     * checked exceptions, so a try-with-resources block of an iterator needs no {@code catch (Exception e)}.
     *
     * @throws IllegalStateException always
     */
    @Override
    default void close() {
        throw new IllegalStateException(getClass().getName() + " is an AsyncIterator: close it in a "
                + "try-with-resources block inside an @Async method, where its end is awaited, or await(closeAsync())");
    }
}
