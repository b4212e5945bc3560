package org.awaitj.agent.shapes;

import java.util.List;

import org.awaitj.AsyncCloseable;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/**
 * A return in a finally block that the finally itself abandons (an exception it catches): the method returns the
 * value of the return the finally interrupted, though another result(...) was evaluated after it.
 */
public class AbandonedReturns {
    /** An asynchronous resource whose close fails after a suspension. */
    static final class FailingClose implements AsyncCloseable {
        @Async
        @Override
        public Coroutine<Void> closeAsync() {
            await(later("closing"));
            throw new IllegalStateException("close failed");
        }

        @Override
        public void close() {
            throw new IllegalStateException("not rewritten");   // the agent turns close() into an await of closeAsync()
        }
    }

    @Async
    static Coroutine<Integer> returnAbandonedByAnException() {
        try {
            return result(1);
        } finally {
            try {
                try {
                    return result(2);
                } finally {
                    if (await(later(true))) {
                        throw new IllegalStateException("abandons return 2");
                    }
                }
            } catch (IllegalStateException e) {
                // the finally completes: return 1 goes on
            }
        }
    }

    /** The fuzzer's form: the close of an async resource fails after the return inside it. */
    @Async
    static Coroutine<Integer> returnAbandonedByAFailingAsyncClose(List<String> log) {
        try {
            return result(1);
        } finally {
            try (FailingClose c = new FailingClose()) {
                log.add("inside");
                return result(127);
            } catch (IllegalStateException e) {
                log.add(e.getMessage());
            }
        }
    }

    /** Returns abandoned by continue, then one taken: the last evaluated is the one returned. */
    @Async
    static Coroutine<Integer> returnsAbandonedByContinue() {
        for (int i = 0; ; i++) {
            try {
                return result(i);
            } finally {
                if (await(later(i < 2))) {
                    continue;
                }
            }
        }
    }

    /** An abandoned result() of a Coroutine<Void>, then a value. */
    @Async
    static Coroutine<String> nullResultAbandoned() {
        try {
            return result("kept");
        } finally {
            try {
                try {
                    return result(null);
                } finally {
                    if (await(later(true))) {
                        throw new IllegalStateException();
                    }
                }
            } catch (IllegalStateException e) {
                await(later(0));
            }
        }
    }
}
