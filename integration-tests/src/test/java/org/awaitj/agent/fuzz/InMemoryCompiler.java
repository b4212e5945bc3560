package org.awaitj.agent.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac in process: sources in memory, class files back in memory, against the test class path (the runtime,
 * the annotations and FuzzSupport). One call compiles many units, which keeps javac's cost per program low.
 * Not thread-safe (the file manager is not): one instance per thread.
 */
public final class InMemoryCompiler {
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);
    private final List<String> options;

    /** Compiles for {@code --release release} with full debug information, as Maven does by default. */
    public InMemoryCompiler(int release) {
        this.options = List.of("--release", Integer.toString(release), "-g", "-proc:none", "-nowarn",
                "-Xlint:none", "-classpath", classPath());
    }

    /** The directories and jars holding the runtime, the annotations, and the test classes. */
    public static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {FuzzSupport.class, org.awaitj.Coroutine.class,
                org.awaitj.annotations.Async.class}) {
            try {
                String entry = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!entries.contains(entry)) {
                    entries.add(entry);
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Thrown when javac rejects a source: a bug of the generator, with javac's messages and the source. */
    public static final class CompileError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** javac failed without reporting an error: it crashed (it prints its own stack trace). */
        public final boolean crashed;

        CompileError(String message, boolean crashed) {
            super(message);
            this.crashed = crashed;
        }
    }

    /**
     * Compiles the sources (class name to text, names in the form {@code a.b.C}) and returns every class file,
     * nested and synthetic ones included, by class name.
     */
    public Map<String, byte[]> compile(Map<String, String> sources) {
        List<JavaFileObject> units = new ArrayList<>();
        for (var e : sources.entrySet()) {
            units.add(new Source(e.getKey(), e.getValue()));
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        var manager = new ForwardingJavaFileManager<StandardJavaFileManager>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() throws IOException {
                                super.close();
                                out.put(className, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        java.io.StringWriter javacOutput = new java.io.StringWriter();     // where javac prints a crash
        boolean ok = javac.getTask(javacOutput, manager, diagnostics, options, null, units).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder("javac rejected a generated source:\n");
            boolean errors = false;
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors = true;
                    sb.append(d.getSource() == null ? "" : d.getSource().getName()).append(':')
                            .append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
                    if (d.getSource() instanceof Source s) {
                        sb.append("    ").append(s.line(d.getLineNumber()).strip()).append('\n');
                    }
                }
            }
            throw new CompileError(errors ? sb.toString() : "javac crashed:\n" + javacOutput, !errors);
        }
        return out;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        String line(long n) {
            String[] lines = text.split("\n", -1);
            return n >= 1 && n <= lines.length ? lines[(int) n - 1] : "";
        }
    }
}
