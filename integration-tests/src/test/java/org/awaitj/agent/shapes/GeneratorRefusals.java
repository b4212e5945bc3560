package org.awaitj.agent.shapes;

import java.util.List;

import org.awaitj.AsyncGenerator;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** Async generator methods the agent must refuse, and stray emits it reports; markers give the lines. */
public class GeneratorRefusals {
    @Async
    static Coroutine<Void> emitInACoroutine() {
        emit(1); // REFUSED EMIT IN COROUTINE
        return result();
    }

    @Async
    static AsyncGenerator<Integer> resultInAGenerator() {
        emit(1);
        result(2); // REFUSED RESULT IN GENERATOR
        return finish();
    }

    @Async
    static Coroutine<Void> finishInACoroutine() {
        finish(); // REFUSED FINISH IN COROUTINE
        return result();
    }

    @Async
    static AsyncGenerator<Integer> emitInASynchronizedBlock(Object lock) {
        synchronized (lock) {
            emit(1); // REFUSED EMIT IN MONITOR
        }
        return finish();
    }

    /** The generator itself is fine; its lambda's emit is reported. */
    @Async
    static AsyncGenerator<Integer> emitInALambda(List<Integer> xs) {
        xs.forEach(x -> emit(x)); // REPORTED EMIT IN LAMBDA
        return finish();
    }

    static void emitInAPlainMethod() {
        emit(1); // REPORTED EMIT IN PLAIN METHOD
    }

    /** Compiles (null is an AsyncGenerator), but ends otherwise than with finish(): its consumer gets an error. */
    @Async
    static AsyncGenerator<Integer> returnsNull() {
        emit(1);
        return null;
    }

    @Async
    static Coroutine<String> consumeReturnsNull() {
        var it = returnsNull().iterator();
        await(it.hasNext());
        it.next();
        try {
            await(it.hasNext());
            return result("no error");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }
}
