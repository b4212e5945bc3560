package org.awaitj.agent.shapes;

import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** The smallest shapes that the transformer once got wrong; see TransformerRegressionsTest. */
public class Regressions {
    record Box(Object value) {
    }

    /** The second move of a NEW looked frames up by instruction indexes the first move had shifted. */
    @Async
    static Coroutine<String> nestedConstructors() {
        return result(new Box(new Box(new Box(await(later("x"))))).toString());
    }

    @Async
    static Coroutine<String> twoConstructorsInOneMethod() {
        Box a = new Box(await(later("a")));
        Box b = new Box(await(later("b")));
        return result(a + " " + b);
    }

    /** An await ending the last branch of a conditional: its frame and javac's join frame shared an offset. */
    @Async
    static Coroutine<Object> awaitEndsAConditionalBranch(boolean flag) {
        Object o = flag ? "x" : await(later("y"));
        return result(o);
    }

    /** The value of result(v) was overwritten by the resumption of an await in a finally block. */
    @Async
    static Coroutine<String> resultThroughAnAwaitingFinally(List<String> log) {
        try {
            return result("value");
        } finally {
            log.add(await(later("finally")));
        }
    }

    /** javac keeps the new Box in locals while a switch expression with a try computes its argument. */
    @Async
    static Coroutine<String> objectUnderConstructionInALocal(boolean fail) {
        return result(new Box(switch (fail ? 1 : 0) {
            case 1 -> {
                try {
                    yield await(failLater(new Exception("failed")));
                } catch (Exception e) {
                    yield e.getMessage();
                }
            }
            default -> await(later("ok"));
        }).toString());
    }

    /** The catch of a try around a synchronized block was taken for code inside the block. */
    @Async
    static Coroutine<String> awaitInACatchAroundASynchronizedBlock(Object lock) {
        try {
            synchronized (lock) {
                throw new IllegalStateException("thrown");
            }
        } catch (IllegalStateException e) {
            return result(e.getMessage() + " " + await(later("then awaited")));
        }
    }

    @Async
    static Coroutine<String> awaitInAFinallyAroundASynchronizedBlock(Object lock, List<String> log) {
        try {
            synchronized (lock) {
                log.add("locked");
            }
        } finally {
            log.add(await(later("finally awaited")));
        }
        return result(String.join(", ", log));
    }
}
