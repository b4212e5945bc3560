package org.awaitj;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without the agent, an {@code @Async} method's body runs when it is called; whichever entry point of the
 * runtime it reaches first says that the class was not rewritten, and what to do. The program runs in a JVM
 * of its own, without -javaagent (this one has it).
 */
class NotRewrittenTest {
    private static String classPathOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String runWithoutTheAgent(String scenario) throws IOException, InterruptedException {
        String cp = String.join(File.pathSeparator, classPathOf(NotRewrittenTest.class), classPathOf(EventLoop.class),
                classPathOf(Async.class));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, NotRewrittenProgram.class.getName(), scenario).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    private static String expected(String method, String marker) {
        return "NotRewrittenProgram." + method + " (NotRewrittenProgram.java:"
                + Reports.lineOf(NotRewrittenProgram.class, marker) + ") is @Async, but its class was not rewritten";
    }

    @Test
    void eachEntryPointSaysTheClassWasNotRewritten() throws Exception {
        for (List<String> c : List.of(
                List.of("createTask", "main", "createTask first"),
                List.of("gather", "gathering", "gather first"),
                List.of("result", "answer", "result first"),
                List.of("await", "sleeping", "await first"),
                List.of("loop", "asksForTheLoop", "getRunningLoop first"))) {
            String out = runWithoutTheAgent(c.get(0));
            assertTrue(out.contains(expected(c.get(1), c.get(2))), c + ":\n" + out);
            assertTrue(out.contains("-javaagent:awaitj-agent.jar"), out);
            assertEquals(1, out.lines().filter(l -> l.startsWith("Exception in thread")).count(), out);
        }
    }
}
