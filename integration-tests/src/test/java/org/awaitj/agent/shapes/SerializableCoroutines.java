package org.awaitj.agent.shapes;

import java.io.Serializable;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * Serializable classes with {@code @Async} methods, whose default serialVersionUID (a hash of the members the
 * rewriting adds to) must stay what it is for the class as compiled.
 */
public class SerializableCoroutines {
    /**
     * Declares no serialVersionUID: it gets the one it had as compiled, which counts what javac adds too (a lambda's
     * method, the assertion flag).
     */
    public static class Ledger implements Serializable {
        int total;

        @Async
        Coroutine<Integer> add(int amount) {
            assert amount >= 0;
            await(sleep(0));
            java.util.function.IntUnaryOperator plus = t -> t + amount;
            total = plus.applyAsInt(total);
            return result(total);
        }
    }

    /** Serializable through its superclass. */
    public static class NamedLedger extends Ledger {
        String name = "main";

        @Async
        Coroutine<String> describe() {
            return result(name + ": " + await(add(0)));
        }
    }

    /** Declares its own: kept as it is. */
    public static class Versioned implements Serializable {
        private static final long serialVersionUID = 42L;

        @Async
        Coroutine<Integer> one() {
            return result(1);
        }
    }

    @Async
    static Coroutine<String> ledger() {
        NamedLedger ledger = new NamedLedger();
        await(ledger.add(5));
        return result(await(ledger.describe()) + ", " + await(new Versioned().one()) + await(new Plain().two()));
    }

    /** Not serializable: nothing added. */
    public static class Plain {
        @Async
        Coroutine<Integer> two() {
            return result(2);
        }
    }
}
