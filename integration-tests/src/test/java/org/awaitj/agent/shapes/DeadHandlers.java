package org.awaitj.agent.shapes;

import java.util.Arrays;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/**
 * Catch blocks of a try whose body only breaks: javac drops their exception table entries (the body has no
 * instruction), and leaves the handlers' code, awaits and locals included, as dead code behind stack map frames.
 */
public class DeadHandlers {
    @Async
    static Coroutine<String> catchBlocksOfABodyThatOnlyBreaks() {
        String out = "";
        for (Integer x : Arrays.asList(1, 2)) {
            try {
                break;
            } catch (ArithmeticException e) {
                out += "arithmetic";
            } catch (RuntimeException e) {
                short v;
                if (await(later(x > 1))) {
                    v = 1;
                } else {
                    v = 2;
                }
                out += v + await(later("!"));
            }
        }
        return result(out + await(later("done")));
    }
}
