package org.awaitj.agent.lint;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitj.agent.analysis.ControlFlow;
import org.awaitj.agent.analysis.MonitorDepth;
import org.awaitj.agent.debug.BlockingCalls;
import org.awaitj.agent.instrument.SourceLocator;
import org.awaitj.agent.transform.AsyncMarker;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.Names;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code java -jar awaitj-agent.jar lint PATH...}: finds the classic asyncio mistakes in compiled classes
 * before the program runs, and prints each as {@code File.java:line: message}. Exits 1 when it found any,
 * 2 on bad arguments. PATH is a class folder or a jar.
 * <ul>
 * <li>a coroutine whose result is discarded: never awaited nor scheduled (Python can only warn at run time);</li>
 * <li>await in a method that is not {@code @Async} (a lambda included);</li>
 * <li>a blocking JDK call inside an {@code @Async} method;</li>
 * <li>await inside a {@code synchronized} block, and every other reason the agent would refuse a method;</li>
 * <li>emit outside an async generator (a lambda included), and, as a warning, emit inside a TaskGroup or
 * timeout block ({@link GeneratorLint}).</li>
 * </ul>
 * Warnings are printed with the findings but do not make the exit status 1.
 */
public final class Lint {
    /** A finding's file and line: "src/main/java/com/example/Example.java:12: ...". */
    private static final Pattern FINDING = Pattern.compile("([^:]+?)(?::(\\d+))?: ");

    private final List<String> findings = new ArrayList<>();
    private SourceLocator sources;
    private int warnings;

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !args[0].equals("lint")) {
            System.err.println("usage: java -jar awaitj-agent.jar lint PATH...   (class folders or jars)");
            System.exit(2);
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            paths.add(Path.of(args[i]));
        }
        System.exit(run(paths, System.out) ? 1 : 0);
    }

    /**
     * Lints every class under the paths; prints the findings, by file and line; true when there were any. A
     * class folder or jar of a Maven or Gradle project names its sources as the build does
     * ({@code src/main/java/com/example/Example.java:12}, relative to the working directory).
     */
    public static boolean run(List<Path> paths, PrintStream out) throws IOException {
        Lint lint = new Lint();
        for (Path p : paths) {
            lint.sources = new SourceLocator(SourceLocator.detect(p), Path.of(""));
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".class")).sorted()::iterator) {
                        lint.check(Files.readAllBytes(f));
                    }
                }
            } else if (p.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        JarEntry entry = e.nextElement();
                        if (entry.getName().endsWith(".class") && !entry.getName().contains("module-info")) {
                            lint.check(jar.getInputStream(entry).readAllBytes());
                        }
                    }
                }
            } else {
                throw new IOException(p + " is neither a class folder nor a jar");
            }
        }
        lint.findings.sort(Lint::byFileAndLine);
        lint.findings.forEach(out::println);
        out.println(lint.findings.size() + " finding" + (lint.findings.size() == 1 ? "" : "s"));
        return lint.findings.size() > lint.warnings;
    }

    private void check(byte[] classFile) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        for (MethodNode m : cn.methods) {
            boolean async = isAsync(m) && !AsyncTransformer.isSynthetic(m);   // a bridge is not the method
            for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
                if (!(n instanceof MethodInsnNode call)) {
                    continue;
                }
                if (returnsCoroutine(call) && isPop(next(n))) {
                    report(cn, n, "the coroutine returned by " + simple(call.owner) + "." + call.name
                            + " is never awaited nor scheduled, so none of it runs: await it, or pass it to createTask");
                }
                if (Names.isAwait(call) && !async) {
                    report(cn, n, m.name.startsWith("lambda$")
                            ? "await inside a lambda: a lambda cannot suspend, so it throws IllegalStateException. "
                                + "Move the code into an @Async method"
                            : "await in " + simple(cn.name) + "." + m.name + ", which is not @Async: it throws "
                                + "IllegalStateException at run time. Mark the method @Async, returning Coroutine<T>");
                }
                if (Names.isEmit(call) && !async) {
                    report(cn, n, GeneratorLint.strayEmit(simple(cn.name), m.name));
                }
                String blocking = async ? BlockingCalls.describe(call.owner, call.name) : null;
                if (blocking != null) {
                    report(cn, n, "blocking call " + blocking + " in @Async method " + simple(cn.name) + "." + m.name
                            + ": it stalls the event loop. Await an asynchronous equivalent (sleep, a Queue...) or "
                            + "run it with toThread(...)");
                }
            }
            if (async && (m.access & Opcodes.ACC_ABSTRACT) == 0) {
                checkMonitors(cn, m);
                for (AbstractInsnNode emit : GeneratorLint.emitsInScopes(m)) {
                    report(cn, emit, GeneratorLint.scopeWarning(emit, m));
                    warnings++;
                }
            }
        }
        if (AsyncMarker.isPresent(classFile)) {
            for (String problem : AsyncTransformer.transform(classFile).problems()) {
                if (!problem.contains("synchronized block") && !GeneratorLint.isStrayEmit(problem)) {    // reported above
                    findings.add(sources.locate(cn.name, cn.sourceFile, problem));     // with the refusal's line
                }
            }
        }
    }

    private void checkMonitors(ClassNode cn, MethodNode m) {
        ControlFlow cfg = ControlFlow.of(m);
        int[] depth = MonitorDepth.of(cfg);
        for (int i = 0; i < cfg.nodes.length; i++) {
            if (Names.isSuspensionPoint(cfg.nodes[i]) && depth[i] > 0) {
                report(cn, cfg.nodes[i], (Names.isEmit(cfg.nodes[i]) ? "emit" : "await") + " inside a synchronized block "
                        + "would suspend while holding the monitor: use " + Names.javaName(Names.LOCK)
                        + " (try (var held = await(lock.locked())) { ... })");
            }
        }
    }

    private void report(ClassNode cn, AbstractInsnNode at, String message) {
        findings.add(source(cn) + ":" + line(at) + ": " + message);
    }

    private String source(ClassNode cn) {
        return sources.sourcePath(cn.name, cn.sourceFile);
    }

    /** "File.java:12: message" by file, then by line (a finding without a line first in its file). */
    private static int byFileAndLine(String a, String b) {
        Matcher x = FINDING.matcher(a);
        Matcher y = FINDING.matcher(b);
        if (!x.lookingAt() || !y.lookingAt()) {
            return a.compareTo(b);
        }
        int c = x.group(1).compareTo(y.group(1));
        if (c != 0) {
            return c;
        }
        return Integer.compare(x.group(2) != null ? Integer.parseInt(x.group(2)) : -1,
                y.group(2) != null ? Integer.parseInt(y.group(2)) : -1);
    }

    private static int line(AbstractInsnNode n) {
        for (AbstractInsnNode x = n; x != null; x = x.getPrevious()) {
            if (x instanceof LineNumberNode l) {
                return l.line;
            }
        }
        return 0;
    }

    private static boolean isAsync(MethodNode m) {
        for (List<AnnotationNode> list : List.of(nonNull(m.visibleAnnotations), nonNull(m.invisibleAnnotations))) {
            for (AnnotationNode a : list) {
                if (a.desc.equals(Names.ASYNC_DESC)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<AnnotationNode> nonNull(List<AnnotationNode> l) {
        return l == null ? List.of() : l;
    }

    private static boolean returnsCoroutine(MethodInsnNode call) {
        return Type.getReturnType(call.desc).getDescriptor().equals(Names.COROUTINE_DESC) && !Names.isResult(call);
    }

    private static AbstractInsnNode next(AbstractInsnNode n) {
        AbstractInsnNode x = n.getNext();
        while (x != null && x.getOpcode() < 0) {
            x = x.getNext();
        }
        return x;
    }

    private static boolean isPop(AbstractInsnNode n) {
        return n != null && n.getOpcode() == Opcodes.POP;
    }

    private static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
