package org.awaitj.test;

import java.util.OptionalLong;

/**
 * What {@link AsyncTesting#explore} found.
 *
 * @param runs how many runs it made, the FIFO one included, up to and including the failing one
 * @param seed the seed of the failing run's schedule; empty when none failed, or when the FIFO run did
 * @param failure the failing run's exception, or null when every run passed
 */
public record Exploration(int runs, OptionalLong seed, Throwable failure) {
    public boolean failed() {
        return failure != null;
    }
}
