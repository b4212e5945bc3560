package org.awaitj.agent.shapes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.AsyncCloseable;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** try/catch/finally with awaits in every part; the log records the order things happened in. */
public class Exceptions {
    static final class Resource implements AutoCloseable {
        private final List<String> log;
        private final String name;

        Resource(List<String> log, String name) {
            this.log = log;
            this.name = name;
            log.add("open " + name);
        }

        @Override
        public void close() {
            log.add("close " + name);
        }
    }

    /** Python's async with: the agent awaits closeAsync() at the end of the block. */
    static final class AsyncResource implements AsyncCloseable {
        private final List<String> log;

        AsyncResource(List<String> log) {
            this.log = log;
        }

        @Async
        @Override
        public Coroutine<Void> closeAsync() {
            log.add("closing");
            await(later(0));
            log.add("closed at " + getRunningLoop().time());
            return result();
        }
    }

    @Async
    @SuppressWarnings("try")
    static Coroutine<List<String>> asyncWith(boolean fail) throws Exception {     // AsyncCloseable.close() declares it
        List<String> log = new ArrayList<>();
        try (AsyncResource r = new AsyncResource(log)) {
            log.add("body " + await(later(1)));
            if (fail) {
                throw new IllegalStateException("body failed");
            }
        } catch (IllegalStateException e) {
            log.add("caught " + e.getMessage() + " at " + getRunningLoop().time());
        }
        log.add("after at " + getRunningLoop().time());
        return result(log);
    }

    @Async
    static Coroutine<List<String>> awaitInTry() {
        List<String> log = new ArrayList<>();
        try {
            log.add("try " + await(later(1)));
            log.add("try " + await(now(2)));
        } catch (IllegalStateException e) {
            log.add("not reached");
        } finally {
            log.add("finally");
        }
        return result(log);
    }

    /** A checked exception from an awaited coroutine reaches the catch unchanged; the catch awaits too. */
    @Async
    static Coroutine<List<String>> awaitInCatch(IOException failure) {
        List<String> log = new ArrayList<>();
        try {
            log.add("before");
            await(failLater(failure));
            log.add("not reached");
        } catch (IOException e) {
            log.add("caught same instance: " + (e == failure));
            log.add(await(later("catch awaited")));
        } catch (Exception e) {
            log.add("wrong handler " + e);
        }
        return result(log);
    }

    @Async
    static Coroutine<List<String>> awaitInFinally(boolean fail) {
        List<String> log = new ArrayList<>();
        try {
            try {
                log.add("body " + await(later(1)));
                if (fail) {
                    throw new IllegalArgumentException("boom");
                }
                log.add("body done");
            } finally {
                log.add("finally " + await(later(2)));
                log.add("finally " + await(now(3)));
            }
        } catch (IllegalArgumentException e) {
            log.add("outer caught " + e.getMessage());
        }
        return result(log);
    }

    /** return result(...) inside a try whose finally awaits: the result must survive the finally's suspension. */
    @Async
    static Coroutine<String> returnThroughAwaitingFinally(List<String> log) {
        try {
            log.add("try");
            return result(await(later("value")));
        } finally {
            log.add("finally " + await(later(1)));
        }
    }

    /** break, continue and return leave a try through its awaiting finally, inside a loop. */
    @Async
    static Coroutine<Integer> jumpsThroughFinally(List<String> log) {
        int i = 0;
        while (true) {
            try {
                i++;
                if (i == 1) {
                    continue;
                }
                if (i == 3) {
                    break;
                }
                log.add("body " + i);
            } finally {
                log.add("finally " + i + " " + await(later("f")));
            }
        }
        for (int j = 0; ; j++) {
            try {
                if (j == 2) {
                    return result(await(later(i * 10 + j)));
                }
            } finally {
                log.add("loop finally " + j + " " + await(now("g")));
            }
        }
    }

    /** return result() of a Coroutine<Void> through an awaiting finally, and a finally that overrides a return. */
    @Async
    static Coroutine<Void> voidThroughFinally(List<String> log) {
        try {
            log.add("try");
            return result();
        } finally {
            log.add("finally " + await(later("v")));
        }
    }

    @Async
    @SuppressWarnings("finally")
    static Coroutine<String> finallyOverridesReturn() {
        try {
            return result(await(later("from try")));
        } finally {
            await(later(0));
            return result("from finally");
        }
    }

    /** A local read only by the catch must survive the awaits of the try (it is live through the handler). */
    @Async
    static Coroutine<String> liveOnlyInTheHandler() {
        int stage = 0;
        long wide = 1;
        try {
            stage = 1;
            await(later(0));
            stage = 2;
            wide = 1L << 33;
            await(failLater(new IOException("at 2")));
            stage = 3;
        } catch (IOException e) {
            return result(e.getMessage() + " stage=" + stage + " wide=" + wide);
        }
        return result("not reached");
    }

    /** An exception thrown after the method resumed is caught by a try enclosing the await. */
    @Async
    static Coroutine<String> throwAfterResume(int[] divisor) {
        int before = 7;
        try {
            int x = await(later(10));
            return result("quotient " + x / divisor[0] + " " + before);
        } catch (ArithmeticException e) {
            return result("caught " + e.getMessage() + " " + before + " " + await(later("after")));
        }
    }

    @Async
    static Coroutine<List<String>> nestedTry() {
        List<String> log = new ArrayList<>();
        try {
            try {
                log.add("inner " + await(later(1)));
                throw new IOException("inner");
            } catch (IOException e) {
                log.add("inner catch " + e.getMessage() + " " + await(later(2)));
                try {
                    await(failLater(new IllegalStateException("from catch")));
                } finally {
                    log.add("inner finally " + await(later(3)));
                }
            } finally {
                log.add("middle finally");
            }
        } catch (IllegalStateException e) {
            log.add("outer catch " + e.getMessage() + " " + await(now(4)));
        } finally {
            log.add("outer finally " + await(later(5)));
        }
        return result(log);
    }

    @Async
    @SuppressWarnings("try")        // the resources are only opened and closed
    static Coroutine<List<String>> tryWithResources(boolean fail) {
        List<String> log = new ArrayList<>();
        try (Resource a = new Resource(log, "a"); Resource b = new Resource(log, await(later("b")))) {
            log.add("body " + await(later(1)));
            if (fail) {
                throw new IllegalStateException("body failed");
            }
            log.add("body " + await(now(2)));
        } catch (IllegalStateException e) {
            log.add("caught " + e.getMessage());
        }
        return result(log);
    }

    /** The checked exception escapes the coroutine unchanged. */
    @Async
    static Coroutine<Void> rethrows(Exception e) throws Exception {
        await(failLater(e));
        return result();
    }
}
