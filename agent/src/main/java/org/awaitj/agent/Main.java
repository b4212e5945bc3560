package org.awaitj.agent;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.inspect.Inspect;
import org.awaitj.agent.instrument.Instrumenter;
import org.awaitj.agent.lint.Lint;

/**
 * {@code java -jar awaitj-agent.jar COMMAND ...}, the jar's Main-Class. Exit status: 0 done, 1 findings or
 * refusals, 2 bad arguments or a failure to read; the latter two print one line, not a stack trace.
 */
public final class Main {
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar awaitj-agent.jar COMMAND",
            "  lint PATH...                          report the classic asyncio mistakes in compiled classes",
            "  instrument [--classpath CP] PATH...   rewrite the @Async methods in place, so no -javaagent is needed",
            "  ps PID                                the tasks of each event loop of a running JVM",
            "  pstree PID                            the same as a tree of which task awaits which",
            "PATH is a class folder or a jar; CP lists the jars and folders of the classes' dependencies.");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command, printing to the given streams instead of System.out and .err; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String command = args[0];
        try {
            switch (command) {
                case "lint":
                    return lint(List.of(args).subList(1, args.length), out, err);
                case "instrument":
                    return instrument(List.of(args).subList(1, args.length), out, err);
                case "ps", "pstree":
                    return Inspect.run(args, out);
                case "help", "-h", "--help":
                    out.println(USAGE);
                    return 0;
                default:
                    err.println("awaitj: unknown command '" + command + "' (lint, instrument, ps, pstree; help for usage)");
                    return 2;
            }
        } catch (IOException | RuntimeException e) {
            err.println("awaitj " + command + ": " + e);
            return 2;
        }
    }

    private static int lint(List<String> args, PrintStream out, PrintStream err) throws IOException {
        List<Path> paths = paths(args, "lint", err);
        if (paths == null) {
            return 2;
        }
        return Lint.run(paths, out) ? 1 : 0;
    }

    private static int instrument(List<String> args, PrintStream out, PrintStream err) throws IOException {
        List<Path> classPath = new ArrayList<>();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty() && (rest.get(0).equals("--classpath") || rest.get(0).equals("-cp"))) {
            if (rest.size() < 2) {
                err.println("awaitj instrument: " + rest.get(0) + " needs a value");
                return 2;
            }
            for (String p : rest.get(1).split(File.pathSeparator)) {
                if (!p.isEmpty()) {
                    classPath.add(Path.of(p));
                }
            }
            rest = rest.subList(2, rest.size());
        }
        List<Path> paths = paths(rest, "instrument", err);
        if (paths == null) {
            return 2;
        }
        Instrumenter instrumenter = new Instrumenter(classPath, List.of(), Path.of("").toAbsolutePath());
        int errors = 0;
        for (Path p : paths) {
            Instrumenter.Report report = instrumenter.instrument(p);
            report.errors().forEach(err::println);
            errors += report.errors().size();
            out.println(report.summary());
        }
        return errors > 0 ? 1 : 0;
    }

    /** The paths, each a class folder or a jar; null (and one line printed) when one is not. */
    private static List<Path> paths(List<String> args, String command, PrintStream err) {
        if (args.isEmpty()) {
            err.println("awaitj " + command + ": no PATH given (class folders or jars)");
            return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (!Files.isDirectory(p) && !(Files.isRegularFile(p) && a.endsWith(".jar"))) {
                err.println("awaitj " + command + ": " + a + " is neither a class folder nor a jar");
                return null;
            }
            paths.add(p);
        }
        return paths;
    }
}
