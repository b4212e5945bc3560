package org.awaitj.agent.endtoend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.awaitj.testapp.AsyncProgram;
import org.awaitj.agent.testing.ChildJvm;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.IMethodCoverage;
import org.jacoco.core.tools.ExecFileLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent and JaCoCo's in one JVM, in either order on the command line: the program runs as it should, and a
 * coverage report built the usual way (org.jacoco.core's analysis of the exec file against the original class
 * files) shows every line of the @Async methods covered. (JaCoCo's transformer cannot retransform and awaitj's
 * can, so the JVM calls JaCoCo's first whatever the order: it instruments the class file javac wrote, whose
 * checksum is the one the report matches against, and awaitj rewrites the instrumented class.)
 */
class JacocoIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JaCoCo {0} awaitj")
    @ValueSource(strings = {"before", "after"})
    void coverageOfAsyncMethodsIsReportedOnTheOriginalClassFiles(String order) throws IOException {
        String jacocoJar = System.getProperty("jacoco.agent.jar");
        assertNotNull(jacocoJar, "jacoco.agent.jar (set by failsafe from the test dependency)");
        Path exec = dir.resolve("jacoco.exec");
        String jacoco = "-javaagent:" + jacocoJar + "=destfile=" + exec + ",includes=org.awaitj.testapp.*";
        String awaitj = "-javaagent:" + EndToEnd.agentJar();
        List<String> args = new ArrayList<>(order.equals("before") ? List.of(jacoco, awaitj) : List.of(awaitj, jacoco));
        args.addAll(List.of("-cp", EndToEnd.classPath()));

        ChildJvm.Result r = ChildJvm.run(args, AsyncProgram.class.getName());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(EndToEnd.RESULT, r.out().strip(), r.toString());
        assertEquals(0, EndToEnd.reports(r.err()), r.toString());
        assertTrue(Files.size(exec) > 0, "JaCoCo wrote its exec file");

        ExecFileLoader loader = new ExecFileLoader();
        loader.load(exec.toFile());
        CoverageBuilder coverage = new CoverageBuilder();
        try (InputStream original = AsyncProgram.class.getResourceAsStream("AsyncProgram.class")) {
            new Analyzer(loader.getExecutionDataStore(), coverage).analyzeClass(original, "AsyncProgram.class");
        }
        IClassCoverage c = coverage.getClasses().iterator().next();
        assertEquals(0, coverage.getNoMatchClasses().size(), "the exec data matches the original class file");
        for (String method : List.of("work", "square")) {
            IMethodCoverage m = c.getMethods().stream().filter(x -> x.getName().equals(method)).findFirst()
                    .orElseThrow();
            Map<Integer, String> notCovered = new TreeMap<>();
            for (int line = m.getFirstLine(); line <= m.getLastLine(); line++) {
                int status = m.getLine(line).getStatus();
                if (status != ICounter.EMPTY && status != ICounter.FULLY_COVERED) {
                    notCovered.put(line, status == ICounter.NOT_COVERED ? "not covered" : "partly covered");
                }
            }
            assertEquals(Map.of(), notCovered, method + ": every line ran");
            assertEquals(0, m.getInstructionCounter().getMissedCount(), method + ": every instruction ran");
            assertTrue(m.getLineCounter().getCoveredCount() >= 2, method);
        }
    }
}
