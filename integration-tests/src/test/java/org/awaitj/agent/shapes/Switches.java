package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/**
 * Awaits in switch selectors and arms: int, String and enum; statements and arrow expressions with yield.
 * Enum constants are passed by name: the test's Color is not the rewritten loader's.
 */
public class Switches {
    public enum Color { RED, GREEN, BLUE }

    /** Old-style switch on an awaited int, with fall-through and awaits in the arms. */
    @Async
    static Coroutine<List<String>> oldInt(int k) {
        List<String> log = new ArrayList<>();
        switch (await(later(k))) {
            case 1:
                log.add("one:" + await(later(1)));
                // fall through
            case 2:
                log.add("two:" + await(now(2)));
                break;
            case 1000:
                log.add("thousand");
                break;
            default:
                log.add("default:" + await(later(k * 2)));
        }
        return result(log);
    }

    @Async
    static Coroutine<String> oldString(String s) {
        String out;
        switch (s) {
            case "apple":
                out = await(later("fruit"));
                break;
            case "carrot":
            case "leek":
                out = await(later("vegetable"));
                break;
            default:
                out = "unknown " + await(now(s.length()));
        }
        return result(out);
    }

    @Async
    static Coroutine<String> oldEnum(String name) {
        switch (await(later(Color.valueOf(name)))) {
            case RED:
                return result("r" + await(later(1)));
            case GREEN:
                return result("g" + await(later(2)));
            default:
                return result("other");
        }
    }

    /** Arrow switch expressions on int, String and enum; yield of an awaited value; a value below on the stack. */
    @Async
    static Coroutine<String> arrows(int k, String s, String color) {
        Color c = Color.valueOf(color);
        int a = 100 + switch (k) {
            case 1 -> await(later(10));
            case 2 -> {
                int t = await(later(20));
                yield t + await(now(1));
            }
            default -> k;
        };
        String b = "<" + switch (await(later(s))) {
            case "x" -> await(later("ex"));
            case "y", "z" -> {
                String t = await(now(s + s));
                yield await(later(t.toUpperCase()));
            }
            default -> "?";
        } + ">";
        long d = switch (c) {
            case RED -> await(later(1L));
            case GREEN -> {
                long base = await(later(2L));
                yield base * await(later(3L));
            }
            case BLUE -> 7L;
        };
        return result(a + " " + b + " " + d);
    }
}
