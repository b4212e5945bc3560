package org.awaitj.agent;

import java.util.List;
import java.util.function.Supplier;

import org.awaitj.annotations.Async;

/**
 * Classes whose constant pools hold the {@code @Async} descriptor behind entries of every kind (longs and doubles,
 * which take two slots, floats, method handles and types, invokedynamic), for the pre-filter's test. The agent's
 * tests have no runtime, so the methods return Object: the pre-filter reads only the constant pool.
 */
final class ConstantPoolShapes {
    private ConstantPoolShapes() {
    }

    static final class Wide {
        @Async
        static Object run(long a, double b) {
            return a * 1_000_000_007L + b * 2.718281828459045 + 3.5f + 100_000;
        }
    }

    static final class Lambdas {
        @Async
        static Object run(List<String> names) {
            Supplier<Integer> count = names::size;
            return names.stream().map(String::length).reduce(count.get(), Integer::sum);
        }
    }

    static final class Strings {
        @Async
        Object run(String s, int i) {
            String joined = "at " + s + " #" + i;
            switch (s) {
                case "a":
                    return joined;
                case "b":
                    return joined.length();
                default:
                    return null;
            }
        }
    }

    enum Kind {
        ONE, TWO;

        @Async
        Object run() {
            return ordinal() == 0 ? TWO : ONE;
        }
    }

    record Point(int x, long y) {
        @Async
        Object run() {
            return new Point(x + 1, y * 2L);
        }
    }

    interface Defaults {
        @Async
        default Object run() {
            return this;
        }

        @Async
        Object declared();
    }
}
