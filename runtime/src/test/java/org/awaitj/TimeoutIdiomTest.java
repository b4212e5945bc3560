package org.awaitj;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timeout block the README shows compiles without javac's -Xlint:try warning: on Java 17 the deadline is
 * declared before the block and named in it ({@code try (deadline)}); from Java 22 on, {@code Timeout _}. The
 * resource variable of {@code try (Timeout t = ...)} is never referenced, and javac says so. (That the
 * {@code try (deadline)} form times out as the other does is {@link TimeoutMessageTest}'s business.)
 */
class TimeoutIdiomTest {
    private static final String HEADER = "import org.awaitj.*;\nimport org.awaitj.annotations.Async;\n"
            + "import static org.awaitj.AsyncIO.*;\nclass Example {\n    @Async\n    static Coroutine<String> slow() {\n";
    private static final String FOOTER = "        } catch (java.util.concurrent.TimeoutException e) {\n"
            + "            return result(\"too slow\");\n        }\n    }\n}\n";

    private static String block(String opening) {
        return HEADER + opening + "            await(sleep(5));\n            return result(\"in time\");\n" + FOOTER;
    }

    private static String classPathOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** javac's warnings and errors for one compilation unit, with -Xlint:all at {@code release}. */
    private static List<String> compile(String source, int release) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("idiom");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///Example.java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("--release", String.valueOf(release), "-Xlint:all", "-proc:none",
                    "-d", out.toString(), "-cp", classPathOf(EventLoop.class) + File.pathSeparator + classPathOf(Async.class));
            javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
        } finally {
            try (var walk = Files.walk(out)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<String> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.NOTE) {
                found.add(d.getKind() + ": " + d.getMessage(null));
            }
        }
        return found;
    }

    @Test
    void theResourceVariableOfTheHeaderFormDrawsTheTryWarning() throws Exception {
        List<String> d = compile(block("        try (Timeout t = timeout(1.0)) {\n"), 17);
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).contains("auto-closeable resource t is never referenced"), d.toString());
    }

    @Test
    void onJava17TheDeadlineIsDeclaredBeforeTheBlock() throws Exception {
        assertEquals(List.of(), compile(block("        Timeout deadline = timeout(1.0);\n        try (deadline) {\n"), 17));
    }

    @Test
    void fromJava22OnTheVariableIsUnnamed() throws Exception {
        int feature = Runtime.version().feature();
        if (feature >= 22) {
            assertEquals(List.of(), compile(block("        try (Timeout _ = timeout(1.0)) {\n"), feature));
        }
    }
}
