package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API contract (contract/ApiContract.java and ApiContractNext.java in the shared folder beside the
 * repository, which use every name of API.md the way applications do) compiles, unchanged, against the runtime,
 * the annotations and the agent. A clone without the shared folder skips this test; CI always has it.
 */
class ApiContractCompilesTest {
    private static final Path CONTRACTS = Path.of("../../shared/contract");

    @TempDir
    Path out;

    @Test
    void theContractCompilesAgainstTheRuntime() throws IOException {
        assertCompiles("ApiContract.java");
    }

    /** Async generators, context variables and LoopGroup, used the way applications do. */
    @Test
    void theNextContractCompilesAgainstTheRuntime() throws IOException {
        assertCompiles("ApiContractNext.java");
    }

    private void assertCompiles(String file) throws IOException {
        Path contract = CONTRACTS.resolve(file);
        assumeTrue(Files.exists(contract), "no shared folder beside the repository: " + contract.toAbsolutePath());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(contract.toFile())).call();
        assertEquals("", diagnostics.toString());
        assertEquals(true, ok);
    }
}
