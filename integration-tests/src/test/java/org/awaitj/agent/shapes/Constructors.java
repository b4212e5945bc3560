package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.agent.shapes.Later.*;
import static org.awaitj.AsyncIO.*;

/** Objects under construction (NEW, DUP on the stack) while an argument awaits; array creation and stores. */
public class Constructors {
    static final class Box {
        final Object value;

        Box(Object value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return "Box(" + value + ")";
        }
    }

    static final class Triple {
        final String text;

        Triple(int a, String b, long c) {
            this.text = a + "," + b + "," + c;
        }
    }

    /** Records the order in which arguments and constructor bodies run. */
    static final class Logged {
        Logged(List<String> log, Object a, Object b, Object c) {
            log.add("ctor(" + a + "," + b + "," + c + ")");
        }
    }

    static String log(List<String> log, String s) {
        log.add(s);
        return s;
    }

    @Async
    static Coroutine<String> single() {
        return result(new Box(await(later("x"))).toString());
    }

    @Async
    static Coroutine<String> between(int a, long c) {
        Triple t = new Triple(a, await(later("b")), c);
        return result(t.text);
    }

    @Async
    static Coroutine<String> nested() {
        Box b = new Box(new Box(new Box(await(later(1)))));
        return result(b.toString());
    }

    /** Two awaits inside one constructor's arguments, and one in a nested constructor's. */
    @Async
    static Coroutine<String> several() {
        Object o = new Triple(await(later(1)), new Box(await(now("n"))).toString(), await(later(3L))).text;
        return result((String) o);
    }

    /** A branch inside the arguments: the stack map frames between NEW and the constructor call hold it. */
    @Async
    static Coroutine<String> branchInArguments(boolean flag) {
        Box b = new Box(flag ? await(later("yes")) : "no");
        Box c = new Box(flag ? "no" : await(later("yes")));
        return result(b + " " + c);
    }

    /** Switch expressions in the arguments: the uninitialized objects sit in the frames of every case. */
    @Async
    static Coroutine<String> switchInArguments(int k) {
        Box b = new Box(switch (k) {
            case 1 -> await(later("one"));
            case 2 -> {
                try {
                    yield await(failLater(new Exception("two")));
                } catch (Exception e) {
                    yield e.getMessage() + await(later("!"));
                }
            }
            default -> "other";
        });
        Box c = k > 1 ? new Box(await(later(k))) : null;
        return result(b + " " + c);
    }

    @Async
    static Coroutine<String> wideArguments() {
        Triple t = new Triple(await(later(1)), String.valueOf(await(later(2.5))), await(later(1L << 40)));
        return result(t.text);
    }

    @Async
    static Coroutine<List<String>> argumentOrder() {
        List<String> log = new ArrayList<>();
        new Logged(log, log(log, "a"), await(later(log(log, "b"))), log(log, "c"));
        return result(log);
    }

    @Async
    static Coroutine<String> arrays() {
        int[] ints = new int[await(later(3))];
        String[][] grid = new String[await(later(2))][await(now(1))];
        long[] longs = new long[2];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = await(later(i * 10));
        }
        grid[1][0] = await(later("g"));
        longs[await(later(1))] = await(now(5L));
        Object[] objects = {await(later("o")), null};
        return result(Arrays.toString(ints) + Arrays.deepToString(grid) + Arrays.toString(longs) + Arrays.toString(objects));
    }
}
