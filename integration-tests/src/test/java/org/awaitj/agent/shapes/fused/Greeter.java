package org.awaitj.agent.shapes.fused;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** A protected {@code @Async} method that a subclass in another package overrides and calls as super.greet. */
public class Greeter {
    @Async
    protected Coroutine<String> greet(String who, boolean slow) {
        if (slow) {
            await(sleep(1));
        }
        return result("hello " + who);
    }
}
