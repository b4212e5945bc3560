package org.awaitj.agent.endtoend;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.awaitj.testapp.AsyncProgram;
import org.awaitj.testapp.OtherAgent;
import org.awaitj.agent.testing.ChildJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Classes another agent changed before awaitj sees them: it added a field and a call at the start of every
 * method (and, with "frames", recomputed every stack map frame with ASM). The program still runs right, and
 * the other agent's code still runs.
 */
class OtherAgentIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "other agent {0}")
    @ValueSource(strings = {"keeping javac's frames", "frames"})
    void classesAnotherAgentChangedFirstAreRewrittenCorrectly(String mode) throws IOException {
        Path jar = dir.resolve("other-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", OtherAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        String other = "-javaagent:" + jar + (mode.equals("frames") ? "=frames" : "");
        ChildJvm.Result r = ChildJvm.run(List.of(other, "-javaagent:" + EndToEnd.agentJar(),
                "-cp", EndToEnd.classPath(ChildJvm.locationOf(ClassReader.class))), AsyncProgram.class.getName());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(EndToEnd.RESULT + "\nother agent: ran", r.out().strip(), r.toString());
        assertEquals(0, EndToEnd.reports(r.err()), r.toString());
    }
}
