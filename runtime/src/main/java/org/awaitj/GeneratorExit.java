package org.awaitj;

/**
 * Thrown inside an async generator, at the {@code emit} it is suspended at, when its consumer closes the
 * iteration early: Python's {@code GeneratorExit}. It unwinds the body, running its {@code finally} blocks;
 * the close succeeds when it leaves the body. A generator that catches it and emits again is an error.
 *
 * <p>An {@link Error}, as {@code ThreadDeath} was, so that the common {@code catch (Exception e)} in a
 * generator's body does not swallow it.
 */
public final class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    public GeneratorExit() {
        super("the async generator was closed", null, false, false);
    }
}
