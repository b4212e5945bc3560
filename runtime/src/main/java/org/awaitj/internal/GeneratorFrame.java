package org.awaitj.internal;

import java.util.NoSuchElementException;

import org.awaitj.AsyncGenerator;
import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.GeneratorExit;

/**
 * The frame of an async generator: the agent makes each {@code @Async} method that returns
 * {@code AsyncGenerator<T>} a subclass of this, whose {@link #invokeBody()} runs the rewritten body.
 *
 * <p>The frame is its own iterator, and the coroutine that {@code hasNext()} and {@code closeAsync()} return:
 * awaiting it runs the body inline in the awaiting task, as awaiting any coroutine does (Python runs
 * {@code __anext__} in the consumer's task). The body returns {@link CoroutineSupport#SUSPENDED} at an await
 * that suspends (the task is then parked on it, with this frame as its innermost coroutine, and the task's
 * step resumes the body later) and at an {@code emit}, which has left the value here first; at
 * {@code return finish()} it returns the frame itself. {@link #invokeSuspend()} turns those into the
 * coroutine's result: true for a value, false at the end. A frame may be awaited again once that result is
 * delivered: it is re-armed by each {@code hasNext()}, so iterating allocates nothing per element.
 *
 * @param <T> the type of the values it emits
 */
@InternalApi
public abstract class GeneratorFrame<T> extends Coroutine<Object> implements AsyncGenerator<T>, AsyncIterator<T> {
    private static final CoreAccess CORE = CoreAccess.get();

    private enum State {
        NEW("not started"),
        /** Between the start of an activation and the emit, end or exception that ends it. */
        RUNNING("running"),
        AT_EMIT("suspended at an emit"),
        DONE("finished");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private State state = State.NEW;
    private boolean iterated;
    /** The armed activation is a close (aclose), not a hasNext (anext). */
    private boolean closing;
    private boolean hasValue;
    private Object value;
    /** What the body throws at the emit it resumes from: a GeneratorExit, when closing. */
    private Throwable thrownIn;

    protected GeneratorFrame() {
    }

    /**
     * The rewritten body, from its resume label on.
     *
     * @return {@link CoroutineSupport#SUSPENDED} at an await that suspends or at an emit, this frame at the end
     */
    protected abstract Object invokeBody();

    /** {@code emit(value)} in the body: keeps the value for the consumer; the body then suspends. */
    public static Object emit(Object value, GeneratorFrame<?> frame) {
        frame.value = value;
        frame.hasValue = true;
        return CoroutineSupport.SUSPENDED;
    }

    /** Where the body resumes after an emit: throws the GeneratorExit of a close. */
    public static void resumeEmit(GeneratorFrame<?> frame) {
        Throwable t = frame.thrownIn;
        if (t != null) {
            frame.thrownIn = null;
            throw CoroutineSupport.sneakyThrow(t);
        }
    }

    @Override
    public final AsyncIterator<T> iterator() {
        if (iterated) {
            throw new IllegalStateException("async generator " + describe() + " was iterated already: a generator "
                    + "runs once. Call its method again for a new one");
        }
        iterated = true;
        return this;
    }

    @SuppressWarnings("unchecked")
    @Override
    public final Coroutine<Boolean> hasNext() {
        arm(false, "hasNext");
        return (Coroutine<Boolean>) (Coroutine<?>) this;
    }

    @SuppressWarnings("unchecked")
    @Override
    public final T next() {
        if (!hasValue) {
            throw new NoSuchElementException(state == State.DONE ? "async generator " + describe() + " has ended"
                    : "no value fetched from async generator " + describe() + ": await hasNext() first");
        }
        Object v = value;
        value = null;
        hasValue = false;
        return (T) v;
    }

    @SuppressWarnings("unchecked")
    @Override
    public final Coroutine<Void> closeAsync() {
        arm(true, "close");
        return (Coroutine<Void>) (Coroutine<?>) this;
    }

    private void arm(boolean close, String what) {
        if (state == State.RUNNING) {
            throw new IllegalStateException(what + "() of async generator " + describe() + " while it is already "
                    + "running: await the previous hasNext() or close first");
        }
        closing = close;
        CORE.rearm(this);
    }

    @Override
    protected final Object invokeSuspend() {
        if (state != State.RUNNING) {
            Object r = startActivation();
            if (r != null) {
                return r;
            }
        }
        Object r;
        try {
            r = invokeBody();
        } catch (Throwable t) {
            end();
            if (closing && t instanceof GeneratorExit) {
                return complete(null);
            }
            throw CoroutineSupport.sneakyThrow(t);
        }
        if (r == CoroutineSupport.SUSPENDED && !hasValue) {
            return r;
        }
        if (r == this) {
            end();
            return complete(closing ? null : Boolean.FALSE);
        }
        if (r != CoroutineSupport.SUSPENDED) {
            end();
            throw new IllegalStateException("async generator " + describe() + " returned " + r
                    + ": an async generator ends with 'return finish();'");
        }
        if (closing) {
            end();
            hasValue = false;
            value = null;
            throw new IllegalStateException("async generator " + describe() + " emitted a value while it was "
                    + "being closed: it caught GeneratorExit and went on");
        }
        state = State.AT_EMIT;
        return complete(Boolean.TRUE);
    }

    /** The start of an activation: its result when it needs no body, else null with the body armed to run. */
    private Object startActivation() {
        if (closing) {
            hasValue = false;
            value = null;
            if (state != State.AT_EMIT) {
                if (state == State.NEW) {
                    state = State.DONE;    // never started: nothing to clean up, and it never will run
                }
                return complete(null);
            }
            thrownIn = new GeneratorExit();
        } else if (hasValue || state == State.DONE) {
            return complete(hasValue);
        } else if (state == State.NEW) {
            CORE.generatorStarted(this);
        }
        state = State.RUNNING;
        return null;
    }

    private void end() {
        state = State.DONE;
        thrownIn = null;
        CORE.generatorDone(this);
    }

    /** True while the body waits at an emit for its consumer: what the loop closes at shutdown. */
    public final boolean isSuspended() {
        return state == State.AT_EMIT;
    }

    @Override
    public String toString() {
        return "<async generator " + describe() + " " + state.text + ">";
    }
}
