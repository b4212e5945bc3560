package org.awaitj;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

import org.awaitj.internal.CoreAccess;
import org.awaitj.internal.CoroutineSupport;

/** The core's side of {@link CoreAccess}: installed when {@link Coroutine} initialises. */
final class CoreBridge extends CoreAccess {
    @Override
    public void reuseWaiter(Future<Void> waiter) {
        waiter.reuseAsWaiter();
    }

    @Override
    public Object await(Object awaitable, Coroutine<?> frame) {
        return Awaiting.await(awaitable, frame);
    }

    @Override
    public Object awaitCoroutine(Coroutine<?> c, Coroutine<?> frame) {
        return Awaiting.awaitCoroutine(c, frame);
    }

    @Override
    public Object awaitFuture(Future<?> f, Coroutine<?> frame) {
        return Awaiting.awaitFuture(f, frame);
    }

    @Override
    public Object resumeValue(Coroutine<?> frame) {
        return Awaiting.resumeValue(frame);
    }

    @Override
    public int fusedDepth(Coroutine<?> frame) {
        return Fused.depth(frame);
    }

    @Override
    public Object fusedAwait(Object awaitable, Coroutine<?> anchor, int depth) {
        return Fused.await(awaitable, anchor, depth);
    }

    @Override
    public Object fusedAwaitDeep(Coroutine<?> c, Coroutine<?> anchor) {
        return Fused.awaitDeep(c, anchor);
    }

    @Override
    public void fusedAdopt(Coroutine<?> frame, Coroutine<?> anchor) {
        Fused.adopt(frame, anchor);
    }

    @Override
    public Coroutine<Object> result(Object value, Coroutine<?> frame) {
        if (frame.result != null) {
            // a second result(...) before the body returned: a finally abandoned the return of the first, or
            // will abandon this one, and the first may still be the one that returns. This value travels in a
            // coroutine of its own, which the body returns in the frame's place if its return is the one taken
            return AsyncIO.result(value);
        }
        frame.result = value == null ? Awaiting.NULL_RESULT : value;
        return CoroutineSupport.COMPLETED;
    }

    @Override
    public Task<?> taskOf(Coroutine<?> frame) {
        return frame.task;
    }

    @Override
    public void blockingCall(String call, String where) {
        Awaiting.blockingCall(call, where);
    }

    @Override
    public void discarded(Object value, String where) {
        NeverAwaited.discarded(value, where);
    }

    @Override
    public void kept(Object value, String where) {
        NeverAwaited.kept(value, where);
    }

    @Override
    public Awaitable<Throwable> exitAsync(AsyncCloseable resource, Throwable primary) {
        return Awaiting.exitAsync(resource, primary);
    }

    @Override
    public <T> Future<T> fromStage(CompletionStage<T> stage, EventLoop loop) {
        return ForeignFuture.fromStage(stage, loop);
    }

    @Override
    public ExecutorService defaultExecutor(EventLoop loop) {
        return loop.defaultExecutor.get();
    }

    @Override
    public ByteBuffer ioBuffer(EventLoop loop) {
        return loop.io.ioBuffer();
    }

    @Override
    public void releaseClosedChannels(EventLoop loop) {
        if (loop.thread == Thread.currentThread()) {
            loop.io.poll();     // another thread leaves it to the loop's next selection
        }
    }

    @Override
    public void rearm(Coroutine<?> c) {
        c.task = null;
        c.caller = null;
    }

    @Override
    public void generatorStarted(Coroutine<?> frame) {
        frame.task.loop.asyncgens.started(frame);
    }

    @Override
    public void generatorDone(Coroutine<?> frame) {
        if (frame.task != null) {
            frame.task.loop.asyncgens.done(frame);
        }
    }
}
