package org.awaitj.agent.endtoend;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.awaitj.agent.testing.ChildJvm;

/** Paths the end-to-end tests need: the packaged agent jar (failsafe runs them after the package phase). */
final class EndToEnd {
    /** What AsyncProgram prints, rewritten. */
    static final String RESULT = "result: total 14 [0->1, 1->5, 5->14, thrown after a resume]";

    private EndToEnd() {
    }

    static String agentJar() {
        String jar = System.getProperty("awaitj.agent.jar", "../agent/target/awaitj-agent.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("no agent jar at " + jar + ": the end-to-end tests run after the package phase "
                    + "(mvn verify), against the shaded jar");
        }
        return Path.of(jar).toAbsolutePath().toString();
    }

    static String classPath(String... extra) {
        StringBuilder sb = new StringBuilder(ChildJvm.applicationClassPath());
        for (String e : extra) {
            sb.append(File.pathSeparator).append(e);
        }
        return sb.toString();
    }

    /** Lines the agent reported on stderr. */
    static long reports(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("[awaitj]")).count();
    }
}
