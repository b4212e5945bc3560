package org.awaitj.agent.inspect;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.tools.attach.VirtualMachine;
import org.awaitj.agent.testing.ChildJvm;
import org.awaitj.testapp.InspectTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ps} and {@code pstree} against a second JVM that runs {@link InspectTarget} with the packaged agent. */
class InspectIT {
    private static Process target;

    @BeforeAll
    static void startTarget() throws IOException {
        String jar = System.getProperty("awaitj.agent.jar", "target/awaitj-agent.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), "no agent jar at " + jar + ": the ITs run after the package phase");
        target = new ProcessBuilder(ChildJvm.java(), "-javaagent:" + Path.of(jar).toAbsolutePath(),
                "-cp", ChildJvm.applicationClassPath(), InspectTarget.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "the target did not start");
    }

    @AfterAll
    static void stopTarget() throws InterruptedException {
        target.destroyForcibly();
        target.waitFor(30, TimeUnit.SECONDS);
    }

    private static String inspect(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Inspect.run(new String[] {command, String.valueOf(target.pid())},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, code, out);
        return out;
    }

    private static String line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/org/awaitj/testapp/InspectTarget.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// LINE:" + marker)) {
                return "InspectTarget.java:" + (i + 1);
            }
        }
        throw new AssertionError("no LINE:" + marker);
    }

    private static String row(String out, String task) {
        return out.lines().filter(l -> l.matches(".*\\s" + task + "\\s.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + task + " in\n" + out));
    }

    @Test
    void psListsEveryTaskWithWhereItIsSuspendedAndWhatItAwaits() throws IOException {
        String out = inspect("ps");
        assertTrue(out.startsWith("tid"), out);
        String leaf = row(out, "leaf");
        assertTrue(leaf.contains(" main ") && leaf.contains(" pending ") && leaf.contains("InspectTarget.leaf"), leaf);
        assertTrue(leaf.contains("(" + line("leaf") + ")"), leaf);
        String worker = row(out, "worker-2");
        long leafId = Long.parseLong(leaf.trim().split("\\s+")[2]);
        assertTrue(worker.contains("(" + line("worker") + ")") && worker.trim().endsWith(" " + leafId), worker);
        assertTrue(row(out, "worker-1").contains("(" + line("gather") + ")"), out);
        assertTrue(row(out, "cycle-a").contains("(" + line("cycle") + ")"), out);
    }

    @Test
    void theJarRunsPsAndLeavesNothingRunningInTheTarget() throws Exception {
        String jar = Path.of(System.getProperty("awaitj.agent.jar", "target/awaitj-agent.jar")).toAbsolutePath().toString();
        Process ps = new ProcessBuilder(ChildJvm.java(), "-jar", jar, "ps", String.valueOf(target.pid()))
                .redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ps.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, ps.exitValue(), out);
        assertTrue(row(out, "leaf").contains("(" + line("leaf") + ")"), out);

        VirtualMachine vm = VirtualMachine.attach(String.valueOf(target.pid()));
        try {
            // a management agent started to reach JFR would stay, with its threads and its local connector
            assertNull(vm.getAgentProperties().getProperty("com.sun.management.jmxremote.localConnectorAddress"));
        } finally {
            vm.detach();
        }
    }

    @Test
    void pstreeDrawsWhoAwaitsWhomAndReportsTheCycle() throws IOException {
        String out = inspect("pstree");
        assertTrue(out.startsWith("event loop on thread 'main' (tid "), out);
        assertTrue(out.contains("\ncycle: cycle-a → cycle-b → cycle-a\n") || out.contains("\ncycle: cycle-b → cycle-a → cycle-b\n"),
                out);
        String tree = out.substring(out.indexOf("\n├── (T) Task-") + 1);
        List<String> expected = List.of(
                "│   └──  InspectTarget.main " + line("main"),
                "│       ├── (T) worker-1",
                "│       │   └──  InspectTarget.worker " + line("gather"),
                "│       │       └── (T) leaf",
                "│       │           └──  InspectTarget.leaf " + line("leaf"),
                "│       └── (T) worker-2",
                "│           └──  InspectTarget.worker " + line("worker"),
                "│               └── (T) leaf",
                "│                   └──  InspectTarget.leaf " + line("leaf"),
                "└── (T) cycle-a",
                "    └──  InspectTarget.waitsFor " + line("cycle"),
                "        └── (T) cycle-b",
                "            └──  InspectTarget.waitsFor " + line("cycle"),
                "                └── (T) cycle-a  (cycle: awaited above)");
        assertEquals(String.join("\n", expected), tree.substring(tree.indexOf('\n') + 1).strip(), out);
    }
}
