package org.awaitj.agent.shapes;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** The smallest coroutines: no await, one await, an await between locals of every type. */
public class Basics {
    @Async
    static Coroutine<Integer> constant() {
        return result(42);
    }

    @Async
    static Coroutine<Integer> addAfterSleep(int a, int b) {
        await(sleep(1));
        return result(a + b);
    }

    @Async
    static Coroutine<String> everyType(boolean z, byte b, char c, short s, int i, long j, float f, double d, String str) {
        Object o = str + "!";
        await(sleep(0));
        int[] arr = {i, i + 1};
        await(sleep(0.5));
        return result(z + " " + b + " " + c + " " + s + " " + i + " " + j + " " + f + " " + d + " " + o + " " + arr[1]);
    }

    @Async
    static Coroutine<Integer> nested() {
        int x = await(addAfterSleep(1, 2));
        int y = await(addAfterSleep(x, 10));
        return result(x * y);
    }
}
