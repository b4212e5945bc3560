package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** Awaits in conditions, ternaries and short-circuit operators; the log shows which operands ran. */
public class Conditions {
    @Async
    static Coroutine<String> ifAwait(int x) {
        if (await(later(x)) > 3) {
            return result("big");
        } else if (await(now(x)) < 0) {
            return result("negative");
        }
        return result("small");
    }

    @Async
    static Coroutine<List<Integer>> whileAwait(int n) {
        List<Integer> log = new ArrayList<>();
        int[] counter = {n};
        while (await(check(counter))) {
            log.add(counter[0]);
        }
        return result(log);
    }

    @Async
    static Coroutine<Boolean> check(int[] counter) {
        await(sleep(1));
        return result(counter[0]-- > 0);
    }

    /** Ternaries with awaits in each branch, of primitive and of Object type (the branches then join on Object). */
    @Async
    static Coroutine<String> ternaries(boolean flag) {
        int i = flag ? await(later(1)) : await(later(2));
        long j = flag ? 10L : await(later(20L));
        Object o = flag ? await(later("yes")) : await(now("no"));
        String s = "s" + (flag ? await(later('t')) : 'f') + i;
        double d = (await(later(flag)) ? await(later(1.5)) : await(later(2.5))) * 2;
        return result(i + " " + j + " " + o + " " + s + " " + d);
    }

    /** {@code &&} and {@code ||}: the right operand (and its await) runs only when needed. */
    @Async
    static Coroutine<List<String>> shortCircuits(boolean a, boolean b) {
        List<String> log = new ArrayList<>();
        if (await(logged(log, "and1", a)) && await(logged(log, "and2", b))) {
            log.add("and");
        }
        if (await(logged(log, "or1", a)) || await(logged(log, "or2", b))) {
            log.add("or");
        }
        boolean mixed = !a && await(logged(log, "mixed", b)) || a && b;
        log.add("mixed=" + mixed);
        return result(log);
    }

    @Async
    static Coroutine<Boolean> logged(List<String> log, String name, boolean value) {
        log.add(name);
        return result(await(later(value)));
    }
}
