package org.awaitj.agent.endtoend;

import java.util.List;

import org.awaitj.testapp.AsyncProgram;
import org.awaitj.testapp.InstallProgram;
import org.awaitj.agent.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two ways to install the agent, each in a JVM of its own, with the packaged (shaded) jar: the
 * -javaagent flag, and AwaitJAgent.install() (a self-attach through Byte Buddy) from a program started without it.
 */
class InstallIT {
    @Test
    void theJavaagentFlagRewritesTheApplication() {
        ChildJvm.Result r = ChildJvm.run(List.of("-javaagent:" + EndToEnd.agentJar(), "-cp", EndToEnd.classPath()),
                AsyncProgram.class.getName());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(EndToEnd.RESULT, r.out().strip(), r.toString());
        assertEquals(0, EndToEnd.reports(r.err()), r.toString());
    }

    @Test
    void installAttachesTheAgentAtRunTime() {
        ChildJvm.Result r = ChildJvm.run(List.of("-cp", EndToEnd.classPath(EndToEnd.agentJar())),
                InstallProgram.class.getName());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("installed: true\n" + EndToEnd.RESULT, r.out().strip(), r.toString());
        assertEquals(0, EndToEnd.reports(r.err()), r.toString());
    }

    @Test
    void installingTwiceOrOnTopOfTheFlagDoesNothingMore() {
        ChildJvm.Result twice = ChildJvm.run(List.of("-cp", EndToEnd.classPath(EndToEnd.agentJar())),
                InstallProgram.class.getName(), "twice");
        assertEquals("installed: true\n" + EndToEnd.RESULT, twice.out().strip(), twice.toString());
        ChildJvm.Result both = ChildJvm.run(List.of("-javaagent:" + EndToEnd.agentJar(),
                "-cp", EndToEnd.classPath(EndToEnd.agentJar())), InstallProgram.class.getName());
        assertEquals("installed: true\n" + EndToEnd.RESULT, both.out().strip(), both.toString());
        assertEquals(0, EndToEnd.reports(both.err()), both.toString());
    }

    @Test
    void aClassLoadedBeforeInstallIsReportedAndItsAwaitSaysWhy() {
        ChildJvm.Result r = ChildJvm.run(List.of("-cp", EndToEnd.classPath(EndToEnd.agentJar())),
                InstallProgram.class.getName(), "late");
        assertTrue(r.err().contains("[awaitj] class org.awaitj.testapp.AsyncProgram was loaded before the "
                + "agent was installed"), r.toString());
        assertTrue(r.err().contains("called outside a rewritten @Async method"), r.toString());
        assertEquals(1, r.exitCode(), r.toString());
    }
}
