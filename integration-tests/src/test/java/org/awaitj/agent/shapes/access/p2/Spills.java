package org.awaitj.agent.shapes.access.p2;

import org.awaitj.Coroutine;
import org.awaitj.agent.shapes.access.p1.Api;
import org.awaitj.agent.shapes.access.p1.Builder;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * Values of types this class cannot access (p1's package-private Hidden and Base), live across awaits: the
 * original code holds them without ever naming their class, so the rewritten code must not name it either.
 */
public class Spills {
    static <T> Coroutine<T> later(T v) {
        return sleep(1, v);
    }

    /** In a local: javac types the local Object, the analysis knows it holds a Hidden. */
    @Async
    static Coroutine<String> inALocal() {
        Object h = Api.make("x");
        String s = await(later("y"));
        return result(Api.show(h) + s);
    }

    /** On the operand stack, below the await. */
    @Async
    static Coroutine<String> onTheStack() {
        return result(Api.show(Api.make("z"), await(later("!"))));
    }

    /** A public fluent method inherited from a package-private base returns the base's type. */
    @Async
    static Coroutine<String> fluentBuilder() {
        Object b = new Builder().add("a");
        String more = await(later("b"));
        return result(Api.built(b) + more + Api.show(new Builder().add("c"), await(later("d"))));
    }

    /** The value goes to a parameter of the hidden type: the verifier needs it typed Hidden, not a supertype. */
    @Async
    static Coroutine<String> passedAsTheHiddenType() {
        return result(Api.take(Api.make("h"), await(later("?"))));
    }

    /** An array of the hidden type. */
    @Async
    static Coroutine<String> hiddenArray() {
        Object all = Api.makeAll("q");
        return result(Api.show(Api.show(all), await(later("."))) + Api.show(Api.makeAll("r"), await(later(";"))));
    }
}
