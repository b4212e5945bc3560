package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/** Values of every type kept in locals and on the operand stack across awaits. */
public class Values {
    @Async
    static Coroutine<String> locals() {
        boolean z = true;
        byte b = (byte) -5;
        char c = 'q';
        short s = (short) 300;
        int i = 123456;
        long j = Long.MAX_VALUE - 1;
        float f = 1.25f;
        double d = Math.PI;
        String str = "text";
        int[] ints = {1, 2, 3};
        String[][] grid = {{"a"}, {"b", "c"}};
        Object none = null;
        int[] noArray = null;
        List<Integer> list = new ArrayList<>(List.of(7));
        await(later(0));
        z = !z;
        b++;
        c++;
        s--;
        i += 1;
        j += 1;
        f *= 2;
        d = -d;
        list.add(8);
        await(now(0));
        ints[0] = 10;
        await(later(0));
        return result(z + " " + b + " " + c + " " + s + " " + i + " " + j + " " + f + " " + d + " " + str + " "
                + Arrays.toString(ints) + " " + Arrays.deepToString(grid) + " " + none + " " + noArray + " " + list);
    }

    /** Every primitive type as the awaited value itself. */
    @Async
    static Coroutine<String> awaitedPrimitives() {
        boolean z = await(later(true));
        byte b = await(later((byte) 1));
        char c = await(later('c'));
        short s = await(later((short) 2));
        int i = await(later(3));
        long j = await(later(4L));
        float f = await(later(5.5f));
        double d = await(later(6.25));
        int[] arr = await(later(new int[] {9}));
        return result(z + " " + b + " " + c + " " + s + " " + i + " " + j + " " + f + " " + d + " " + arr[0]);
    }

    /** Values of every type below the awaited one on the operand stack, a null among them, and more after. */
    @Async
    static Coroutine<String> onTheStack(boolean z, byte b, char c, short s, int i, long j, float f, double d, String str, int[] arr) {
        String r = describe(z, b, c, s, i, j, f, d, str, arr, null, await(later("mid")), 'x', 2L, 3.5);
        return result(r);
    }

    static String describe(boolean z, byte b, char c, short s, int i, long j, float f, double d, String str, int[] arr,
            Object nothing, String mid, char c2, long j2, double d2) {
        return z + " " + b + " " + c + " " + s + " " + i + " " + j + " " + f + " " + d + " " + str + " "
                + Arrays.toString(arr) + " " + nothing + " " + mid + " " + c2 + " " + j2 + " " + d2;
    }

    /** {@code foo(1L, 2.0, "s", await(g()), 'c')}. */
    @Async
    static Coroutine<String> mixedArguments() {
        return result(foo(1L, 2.0, "s", await(later(4)), 'c'));
    }

    static String foo(long a, double b, String c, int d, char e) {
        return a + "/" + b + "/" + c + "/" + d + "/" + e;
    }

    /** {@code long x = a + await(f()) * b}: a long under the await, and wide arithmetic around it. */
    @Async
    static Coroutine<Long> wideArithmetic(long a, long b) {
        long x = a + await(later(3L)) * b;
        double y = 0.5 * (await(later(2.0)) + x);
        long z = x + (7 + await(later(1)));        // an int above a long
        return result(z + (long) y);
    }

    /** Both halves of a double and a long under an int, across two awaits in one expression. */
    @Async
    static Coroutine<Double> wideUnder(double d, long j) {
        double r = d + j * (await(later(2)) + await(now(3)));
        return result(r);
    }

    /** String concatenation with awaits in the middle (invokedynamic concat: the pieces wait on the stack). */
    @Async
    static Coroutine<String> concatenation(int i, long j, double d) {
        String s = "a" + i + await(later("b")) + j + await(later('c')) + d + await(now(true)) + "!";
        return result(s);
    }

    /** Integers in all their narrow forms on the stack: a byte array store, a char compare. */
    @Async
    static Coroutine<String> narrow() {
        byte[] bytes = new byte[2];
        bytes[1] = (byte) (int) await(later(200));
        char[] chars = {'a', 'b'};
        chars[0] = await(later('z'));
        short[] shorts = {0};
        shorts[0] += await(later((short) 5));
        boolean[] flags = new boolean[1];
        flags[0] = await(later(true));
        return result(bytes[1] + " " + new String(chars) + " " + shorts[0] + " " + flags[0]);
    }

    /** Locals merged at join points, declared on some paths only, and slots reused with another type. */
    @Async
    static Coroutine<String> mergesAndReusedSlots(boolean flag) {
        StringBuilder sb = new StringBuilder();
        CharSequence merged = flag ? new StringBuilder("sb") : "str";      // two types joined
        if (flag) {
            long wide = await(later(5L));
            sb.append(wide).append(' ');
        } else {
            String text = await(later("t"));
            sb.append(text).append(' ');
        }
        {
            double reused = await(later(0.5));                             // the slots of wide / text again
            sb.append(reused).append(' ');
        }
        int unset;
        if (flag) {
            unset = 1;
        } else {
            unset = await(later(2));
        }
        Object sometimesNull = flag ? null : "x";
        await(later(0));
        return result(sb.append(merged).append(' ').append(unset).append(' ').append(sometimesNull).toString());
    }
}
