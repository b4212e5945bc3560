package org.awaitj.agent.deadcode;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * Fuzz seed 200036, reduced. JDK 17's javac (17.0.15) compiles the arm that only a constant-false pattern match
 * would select into garbage bytes: DeadPattern.class beside this file is its output, which the JVM rejects
 * (VerifyError) without the agent.
 */
public class DeadPattern {
    enum Color { RED, GREEN, BLUE }

    int f1 = 3;

    static <T> Coroutine<T> later(T v) {
        return sleep(1, v);
    }

    @Async
    Coroutine<String> deadBranch(int k) throws Exception {
        String v0 = await(later(String.valueOf(((Object) ((Object) "o36")))));
        v0 = (switch (k) { case 0 -> {
            throw new Exception("c" + (new int[] {this.f1, this.f1, this.f1, this.f1})[((new int[] {-2, -1, 2, 7})[(3) & 3]) & 3]);
        } default -> ((Object) Integer.valueOf(4) instanceof String s1 && false && s1.length() > this.f1); } ? switch (Color.values()[(this.f1) & 1]) { case GREEN -> String.valueOf(((double) (-3.25))); default -> await(later("s74")); } : ((v0 + (byte) 2) + ((Object) "o3" instanceof String s2 && false && s2.length() > this.f1)));
        return result(v0 + await(later("!")));
    }

    @Async
    static Coroutine<String> run(int k) throws Exception {
        return result(await(new DeadPattern().deadBranch(k)));
    }
}
