package org.awaitj;


import java.util.Set;

/**
 * What {@code AsyncIO.wait} yields: the futures that are done and those still pending, as asyncio's
 * {@code (done, pending)} pair.
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {
}
