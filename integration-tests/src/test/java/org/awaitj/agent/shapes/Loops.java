package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** Awaits in every loop form; each loop logs what it saw, in order. */
public class Loops {
    @Async
    static Coroutine<List<String>> forLoop(int n) {
        List<String> log = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(later(i));
            log.add(i + ":" + sum);
        }
        return result(log);
    }

    /** The condition, the update and the body of a for loop all await. */
    @Async
    static Coroutine<List<String>> forLoopAwaitsEverywhere() {
        List<String> log = new ArrayList<>();
        for (int i = await(later(1)); i < await(now(4)); i += await(later(1))) {
            log.add("i" + i);
        }
        return result(log);
    }

    @Async
    static Coroutine<List<Integer>> whileLoop(int n) {
        List<Integer> log = new ArrayList<>();
        int i = n;
        while (i > 0) {
            i = await(later(i - 2));
            log.add(i);
        }
        return result(log);
    }

    @Async
    static Coroutine<List<Integer>> doWhile(int n) {
        List<Integer> log = new ArrayList<>();
        int i = 0;
        do {
            log.add(await(later(i * i)));
            i++;
        } while (i < n);
        return result(log);
    }

    @Async
    static Coroutine<String> forEachList(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String s : items) {
            sb.append(await(later(s.toUpperCase()))).append(';');
        }
        return result(sb.toString());
    }

    @Async
    static Coroutine<String> forEachArray(double[] values, String[] names) {
        double total = 0;
        for (double v : values) {
            total += await(later(v));
        }
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            sb.append(await(now(name))).append(await(later("|")));
        }
        return result(total + " " + sb);
    }

    @Async
    static Coroutine<List<String>> labelled() {
        List<String> log = new ArrayList<>();
        outer:
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                int v = await(later(i * 10 + j));
                if (j > i) {
                    continue outer;
                }
                if (v == 22) {
                    break outer;
                }
                log.add(String.valueOf(v));
            }
        }
        return result(log);
    }

    @Async
    static Coroutine<Long> nested(int n) {
        long product = 1;
        int i = 0;
        while (i < n) {
            int j = 0;
            do {
                for (char c : new char[] {'a', 'b'}) {
                    product = product * 3 + await(later((int) c)) - 'a' + i + j;
                }
                j++;
            } while (j < i);
            i += await(now(1));
        }
        return result(product);
    }
}
