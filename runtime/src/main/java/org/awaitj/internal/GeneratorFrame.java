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

    private static final byte NEW = 0;
    /** Between the start of an activation and the emit, end or exception that ends it. */
    private static final byte RUNNING = 1;
    private static final byte AT_EMIT = 2;
    private static final byte DONE = 3;

    private byte state;
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
            throw new NoSuchElementException(state == DONE ? "async generator " + describe() + " has ended"
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
        if (state == RUNNING) {
            throw new IllegalStateException(what + "() of async generator " + describe() + " while it is already "
                    + "running: await the previous hasNext() or close first");
        }
        closing = close;
        CORE.rearm(this);
    }

    @Override
    protected final Object invokeSuspend() {
        if (state != RUNNING) {
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
        state = AT_EMIT;
        return complete(Boolean.TRUE);
    }

    /** The start of an activation: its result when it needs no body, else null with the body armed to run. */
    private Object startActivation() {
        if (closing) {
            hasValue = false;
            value = null;
            if (state != AT_EMIT) {
                if (state == NEW) {
                    state = DONE;    // never started: nothing to clean up, and it never will run
                }
                return complete(null);
            }
            thrownIn = new GeneratorExit();
        } else if (hasValue || state == DONE) {
            return complete(hasValue);
        } else if (state == NEW) {
            CORE.generatorStarted(this);
        }
        state = RUNNING;
        return null;
    }

    private void end() {
        state = DONE;
        thrownIn = null;
        CORE.generatorDone(this);
    }

    /** True once started and not yet ended, closed or failed: what the loop closes at shutdown. */
    public final boolean isSuspended() {
        return state == AT_EMIT;
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case NEW -> "not started";
            case RUNNING -> "running";
            case AT_EMIT -> "suspended at an emit";
            default -> "finished";
        };
        return "<async generator " + describe() + " " + s + ">";
    }
}
