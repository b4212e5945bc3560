package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The public API contract (contract/ApiContract.java, which uses every name of API.md the way applications do)
 * compiles against the runtime, the annotations and the agent. The contract file is taken from the shared
 * folder beside the repository when there is one (and the copy kept here must then be identical to it),
 * else from that copy: the contract cannot drift unnoticed.
 */
class ApiContractCompilesTest {
    private static final Path COPY = Path.of("src/test/resources/contract/ApiContract.java");
    private static final Path SHARED = Path.of("../../shared/contract/ApiContract.java");

    @TempDir
    Path out;

    @Test
    void theContractCompilesAgainstTheRuntime() throws IOException {
        Path contract = COPY;
        if (Files.exists(SHARED)) {
            assertEquals(Files.readString(SHARED), Files.readString(COPY),
                    "the copy of the contract differs from the shared one: update " + COPY);
            contract = SHARED;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(contract.toFile())).call();
        assertEquals("", diagnostics.toString());
        assertEquals(true, ok);
    }
}
