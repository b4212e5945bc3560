package org.awaitj.agent.shapes;

import java.util.function.Supplier;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/**
 * {@code @Async} methods implementing generic interface methods: javac emits a synthetic bridge beside each, and
 * copies the method's annotations onto it. The bridge erases the return type (Object) or a parameter type.
 */
public class Bridges {
    /** A generic interface whose method takes a type parameter: its bridge takes Object and returns Coroutine. */
    interface Source<T> {
        Coroutine<T> fetch(T seed);
    }

    static final class Doubler implements Source<String> {
        @Async
        @Override
        public Coroutine<String> fetch(String seed) {
            return result(seed + await(later(seed)));
        }
    }

    @Async
    static Coroutine<String> throughASupplier() {
        Supplier<Coroutine<String>> s = new Supplier<>() {
            @Async
            @Override
            public Coroutine<String> get() {
                return result("x" + await(later("y")));
            }
        };
        return result(await(s.get()));
    }

    @Async
    static Coroutine<String> throughAGenericParameter() {
        Source<String> source = new Doubler();
        return result(await(source.fetch("ab")));
    }
}
