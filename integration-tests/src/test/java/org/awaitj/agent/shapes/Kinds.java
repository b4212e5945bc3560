package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** Every kind of method that may be @Async; the static entry points at the bottom drive the others. */
public class Kinds {
    /** Instance state, private members. */
    static final class Counter {
        private int count;
        private final String name;

        Counter(String name) {
            this.name = name;
        }

        private String label() {
            return name + "#" + count;
        }

        @Async
        Coroutine<String> bump(int by) {
            count += await(later(by));
            String first = label();
            count += await(now(by));
            return result(first + " " + label() + " " + this.count);
        }

        @Async
        private Coroutine<Integer> secret() {
            return result(await(later(count * 100)));
        }
    }

    interface Greeter {
        String name();

        @Async
        default Coroutine<String> greet(String greeting) {
            String n = await(later(name()));
            return result(greeting + ", " + n + await(now("!")));
        }
    }

    enum Planet implements Greeter {
        MERCURY(1), VENUS(2);

        private final int order;

        Planet(int order) {
            this.order = order;
        }

        @Async
        Coroutine<Integer> distance(int scale) {
            return result(await(later(order)) * scale);
        }

        @Async
        static Coroutine<String> first() {
            return result(await(later(values()[0])).name());
        }
    }

    record Point(int x, long y) {
        @Async
        Coroutine<Point> moved(int dx) {
            return result(new Point(x + await(later(dx)), y * 2));
        }
    }

    static class Base {
        @Async
        Coroutine<String> name() {
            return result("base" + await(later("")));
        }
    }

    static class Derived extends Base {
        @Async
        @Override
        Coroutine<String> name() {
            return result("derived(" + await(super.name()) + ")");
        }
    }

    /** An abstract @Async method, and an override javac reaches through a bridge method (erasure of T). */
    abstract static class Shape<T> {
        @Async
        abstract Coroutine<String> area(T size);

        @Async
        Coroutine<String> describe(T size) {
            return result(getClass().getSimpleName() + " " + await(area(size)));
        }
    }

    static final class Square extends Shape<Integer> {
        @Async
        @Override
        Coroutine<String> area(Integer size) {
            return result("area " + await(later(size * size)));
        }
    }

    interface Tools {
        @Async
        static Coroutine<Integer> twice(int x) {
            return result(await(later(x)) * 2);
        }
    }

    /** A generic class whose instance @Async method reads a field of type T; an inner class reads the outer's. */
    static final class Holder<T> {
        private final T value;

        Holder(T value) {
            this.value = value;
        }

        final class Inner {
            @Async
            Coroutine<String> show(String prefix) {
                return result(prefix + await(later(value)) + "/" + value);
            }
        }
    }

    @Async
    static <T extends Comparable<T>> Coroutine<T> max(T a, T b) {
        T x = await(later(a));
        T y = await(now(b));
        return result(x.compareTo(y) >= 0 ? x : y);
    }

    @Async
    static Coroutine<String> describe(int i) {
        return result("int " + await(later(i)));
    }

    @Async
    static Coroutine<String> describe(String s) {
        return result("String " + await(later(s)));
    }

    @Async
    static Coroutine<String> describe(long j, double d) {
        return result("long,double " + await(later(j)) + "," + d);
    }

    @Async
    static Coroutine<Long> fib(int n) {
        if (n < 2) {
            return result((long) await(later(n)));
        }
        return result(await(fib(n - 1)) + await(fib(n - 2)));
    }

    /** Lambdas capture locals of the @Async method (they run synchronously, without awaiting). */
    @Async
    static Coroutine<List<String>> lambdas() {
        List<String> log = new ArrayList<>();
        int base = await(later(10));
        Function<Integer, Integer> add = v -> v + base;
        Supplier<String> s = () -> "base=" + base + " size=" + log.size();
        log.add(s.get());
        int r = add.apply(await(later(5)));
        log.add("r=" + r);
        List.of(1, 2).forEach(v -> log.add("each " + add.apply(v)));
        log.add(s.get());
        return result(log);
    }

    // entry points, static so that Rewritten.run can call them

    @Async
    static Coroutine<String> instanceMethods() {
        Counter c = new Counter("c");
        String r = await(c.bump(2));
        return result(r + " secret=" + await(c.secret()));
    }

    @Async
    static Coroutine<String> interfaceDefault() {
        Greeter g = () -> "world";
        return result(await(g.greet("hello")) + " / " + await(Planet.VENUS.greet("hi")));
    }

    @Async
    static Coroutine<String> enumMethods() {
        return result(await(Planet.VENUS.distance(7)) + " " + await(Planet.first()));
    }

    @Async
    static Coroutine<String> recordMethod() {
        return result(await(new Point(1, 5L).moved(3)).toString());
    }

    @Async
    static Coroutine<String> superAndInterfaceStatic() {
        Base b = new Derived();
        return result(await(b.name()) + " " + await(Tools.twice(21)));
    }

    @Async
    static Coroutine<String> abstractAndBridge() {
        Shape<Integer> s = new Square();
        return result(await(s.describe(3)));
    }

    @Async
    static Coroutine<String> genericInnerClass() {
        Holder<Integer>.Inner inner = new Holder<>(8).new Inner();
        return result(await(inner.show("v=")));
    }

    /** An await inside a lambda is not rewritten (lambdas are not @Async): it says so when it runs. */
    @Async
    static Coroutine<String> awaitInALambda() {
        Supplier<Integer> s = () -> await(later(1));
        try {
            return result("got " + s.get());
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Async
    static Coroutine<String> generics() {
        return result(await(max("pear", "apple")) + " " + await(max(3, 9)));
    }

    @Async
    static Coroutine<String> overloads() {
        return result(await(describe(1)) + "; " + await(describe("s")) + "; " + await(describe(2L, 0.5)));
    }
}
