package org.awaitj.agent.versions.gen;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** Compiled by ClassFileVersionsTest for --release 21 and 25: pattern switches over records, awaits in arms and guards. */
public class Java21Shapes {
    sealed interface Shape permits Circle, Square {
    }

    record Circle(double r) implements Shape {
    }

    record Square(double side) implements Shape {
    }

    static <T> Coroutine<T> later(T v) {
        return sleep(1, v);
    }

    @Async
    static Coroutine<String> describe(Object o) {
        String s = switch (o) {
            case Circle c when c.r() > await(later(1.0)) -> "big circle " + await(later(c.r()));
            case Circle(double r) -> "circle " + r;
            case Square(var side) -> "square " + side * await(later(2));
            case String str -> str + await(later("!"));
            default -> "other";
        };
        return result(s);
    }

    @Async
    static Coroutine<String> all() {
        return result(await(describe(new Circle(2))) + ", " + await(describe(new Circle(0.5))) + ", "
                + await(describe(new Square(3))) + ", " + await(describe("text")) + ", " + await(describe(7)));
    }
}
