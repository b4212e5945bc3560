package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.awaitj.internal.GeneratorFrame;

/**
 * The async generators of one loop that started and have not ended, as asyncio's loop keeps them for
 * {@code shutdown_asyncgens}: a consumer that stops iterating without closing leaves its generator suspended
 * at an emit, with its {@code finally} blocks not run. Weakly held, as in asyncio: the loop does not keep
 * alive what nobody can resume any more. Loop thread only.
 */
final class AsyncGenerators {
    /** Made on the first generator: most loops never run one. */
    private Map<Coroutine<?>, Boolean> started;

    void started(Coroutine<?> generator) {
        if (started == null) {
            started = new WeakHashMap<>();
        }
        started.put(generator, Boolean.TRUE);
    }

    void done(Coroutine<?> generator) {
        if (started != null) {
            started.remove(generator);
        }
    }

    /** Closes every generator still suspended at an emit, concurrently; logs what their cleanup throws. */
    Coroutine<Void> shutdown(EventLoop loop) {
        return new Shutdown(loop);
    }

    private final class Shutdown extends Coroutine<Void> {
        private final EventLoop loop;
        private List<GeneratorFrame<?>> closing;

        Shutdown(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        protected Object invokeSuspend() {
            if (closing == null) {
                closing = new ArrayList<>();
                List<Coroutine<Void>> closes = new ArrayList<>();
                for (Coroutine<?> g : started == null ? List.<Coroutine<?>>of() : List.copyOf(started.keySet())) {
                    if (g instanceof GeneratorFrame<?> f && f.isSuspended()) {
                        if (loop.getDebug()) {
                            Debug.LOG.log(System.Logger.Level.WARNING, "async generator '" + f.describe()
                                    + "' was never closed: the loop closes it at shutdown, so its finally blocks run "
                                    + "only now. Close its iterator (try-with-resources) where the iteration stops");
                        }
                        closing.add(f);
                        closes.add(f.closeAsync());
                    }
                }
                started = null;
                if (closes.isEmpty()) {
                    return complete(null);
                }
                return Awaiting.awaitFuture(Gather.of(loop, true, closes), this);
            }
            List<?> outcomes = (List<?>) Awaiting.resumeValue(this);
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof Throwable t) {
                    Debug.LOG.log(System.Logger.Level.ERROR, "an error occurred while closing async generator "
                            + closing.get(i) + " at loop shutdown", t);
                }
            }
            return complete(null);
        }

        @Override
        protected String describe() {
            return "EventLoop.shutdownAsyncgens";
        }
    }
}
