package org.awaitj.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.awaitj.agent.debug.CallSiteMarks;
import org.awaitj.agent.transform.AsyncMarker;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.BuildTimeMark;
import org.awaitj.agent.transform.ClassHierarchy;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build-time rewriting: rewrites, in place, every class with {@code @Async} methods of a class folder or a jar,
 * exactly as the agent would at load time, and writes the frame classes beside them; the program then runs with
 * no {@code -javaagent}. The classes written carry a {@link BuildTimeMark}, so that
 * <ul>
 * <li>a second run skips them: only what javac wrote since (it writes unmarked classes) is rewritten again, and
 * the frame classes such a class had are replaced, or deleted when it no longer has them;</li>
 * <li>the agent, when also present, leaves them alone.</li>
 * </ul>
 * A class with a refusal is left as it was (not half rewritten), and the refusal is an error naming the source
 * file and line. Supertypes (is this type AsyncCloseable?) are read as class files from the target and the
 * class path, never loaded.
 *
 * <p>Not thread-safe; one instance may instrument several targets in turn.
 */
public final class Instrumenter {
    private static final String CLASS = ".class";

    private final List<Path> classPath;
    private final List<Path> sourceRoots;
    private final Path base;

    /**
     * @param classPath   where the target's supertypes are: its dependencies (the target itself is always read)
     * @param sourceRoots where the sources are, for error locations; empty to detect them from the target's layout
     * @param base        error locations are printed relative to this folder (the build's working directory)
     */
    public Instrumenter(List<Path> classPath, List<Path> sourceRoots, Path base) {
        this.classPath = List.copyOf(classPath);
        this.sourceRoots = List.copyOf(sourceRoots);
        this.base = base;
    }

    /** What one run did to one target. */
    public record Report(Path target, List<String> rewritten, int frameClasses, int upToDate, List<String> deleted,
            List<String> errors) {
        /** True when a class or frame class was written or deleted. */
        public boolean changed() {
            return !rewritten.isEmpty() || !deleted.isEmpty();
        }

        /** One line: what was rewritten, or that there was nothing to rewrite. */
        public String summary() {
            String stale = deleted.isEmpty() ? "" : ", deleted " + plural(deleted.size(), "stale frame class", "stale frame classes");
            String refused = errors.isEmpty() ? "" : "; " + plural(errors.size(), "error", "errors") + ": the classes named were left as they were";
            if (rewritten.isEmpty() && errors.isEmpty()) {
                return "nothing to rewrite in " + target + " (" + plural(upToDate, "class", "classes")
                        + " already rewritten" + stale + ")";
            }
            return "rewrote " + plural(rewritten.size(), "class", "classes") + " of " + target + " ("
                    + plural(frameClasses, "frame class", "frame classes")
                    + (upToDate > 0 ? ", " + upToDate + " already rewritten" : "") + stale + ")" + refused;
        }

        private static String plural(int n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    /** Rewrites the class folder or jar in place. Refusals are in the report's errors: nothing of that class changed. */
    public Report instrument(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            return instrumentFolder(target);
        }
        if (Files.isRegularFile(target) && target.toString().endsWith(".jar")) {
            return instrumentJar(target);
        }
        throw new IOException(target + " is neither a class folder nor a jar");
    }

    /** One class file of the target: its name inside the target and its bytes. */
    private record Entry(String path, byte[] bytes) {
    }

    /** The rewriting of a set of class files, independent of where they are stored. */
    private final class Run {
        final Path target;
        final SourceLocator locator;
        final ClassHierarchy hierarchy;
        /** Class files to write, by path inside the target; frame classes before the class they belong to. */
        final Map<String, byte[]> writes = new LinkedHashMap<>();
        final Set<String> deletes = new HashSet<>();
        /** The paths among {@link #writes} that are frame classes. */
        final Set<String> frameWrites = new HashSet<>();
        final List<String> rewritten = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        int frames;
        int upToDate;

        Run(Path target, ClassLoader resources) {
            this.target = target;
            this.locator = new SourceLocator(sourceRoots.isEmpty() ? SourceLocator.detect(target) : sourceRoots, base);
            this.hierarchy = new ClassHierarchy(resources);
        }

        /** {@code exists}: whether a path inside the target holds a class file (before this run wrote anything). */
        void rewrite(List<Entry> classes, Set<String> exists) {
            Map<String, String> frameOwners = new LinkedHashMap<>();    // existing frame classes -> owner path
            Set<String> marked = new HashSet<>();
            Map<String, Set<String>> framesOf = new LinkedHashMap<>();  // classes rewritten now -> their frames
            for (Entry e : classes) {
                // frame classes are known by their mark, not their name: a frame is always a nested-style name
                String owner = e.path().indexOf('$') >= 0 ? BuildTimeMark.frameOwner(e.bytes()) : null;
                if (owner != null) {
                    frameOwners.put(e.path(), prefix(e.path()) + owner + CLASS);
                    continue;
                }
                if (!AsyncMarker.isPresent(e.bytes())) {
                    continue;       // the common case: not parsed
                }
                if (BuildTimeMark.isPresent(e.bytes())) {
                    marked.add(e.path());
                    upToDate++;
                    continue;
                }
                Set<String> written = rewriteClass(e);
                if (written != null) {
                    marked.add(e.path());
                    framesOf.put(e.path(), written);
                }
            }
            for (Map.Entry<String, String> f : frameOwners.entrySet()) {
                String owner = f.getValue();
                Set<String> now = framesOf.get(owner);
                boolean stale = now != null ? !now.contains(f.getKey()) : !exists.contains(owner) || !marked.contains(owner);
                if (stale) {
                    deletes.add(f.getKey());
                }
            }
        }

        /** The paths of the frame classes written for the class, or null when it is left as it was. */
        private Set<String> rewriteClass(Entry e) {
            String name = e.path().substring(prefix(e.path()).length(), e.path().length() - CLASS.length());
            String[] sourceFile = new String[1];
            try {
                new ClassReader(e.bytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitSource(String source, String debug) {
                        sourceFile[0] = source;
                    }
                }, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
                AsyncTransformer.Result r = AsyncTransformer.transform(e.bytes(), hierarchy);
                if (!r.problems().isEmpty()) {
                    r.problems().forEach(p -> errors.add(locator.locate(name, sourceFile[0], p)));
                    return null;    // not half rewritten: the build fails, and the next one looks at it again
                }
                // as the agent does, in the same write: blocking calls and dropped coroutines marked
                byte[] marked = CallSiteMarks.mark(r);
                if (marked == null) {
                    return null;    // only abstract @Async methods: nothing to write
                }
                Set<String> written = new HashSet<>();
                for (AsyncTransformer.GeneratedClass g : r.generated()) {
                    String path = prefix(e.path()) + g.internalName() + CLASS;
                    writes.put(path, MarkWriter.markFrame(g.bytes(), name));
                    frameWrites.add(path);
                    written.add(path);
                    frames++;
                }
                writes.put(e.path(), MarkWriter.markClass(marked));
                rewritten.add(name.replace('/', '.'));
                return written;
            } catch (RuntimeException ex) {
                errors.add(locator.sourcePath(name, sourceFile[0]) + ": could not rewrite class " + name.replace('/', '.')
                        + " (" + ex + "). Please report it with the class file.");
                return null;
            }
        }

        Report report() {
            List<String> deleted = deletes.stream().sorted().toList();
            return new Report(target, List.copyOf(rewritten), frames, upToDate, deleted, List.copyOf(errors));
        }
    }

    private Report instrumentFolder(Path root) throws IOException {
        List<Entry> classes = new ArrayList<>();
        Set<String> exists = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Instrumenter::isClassFile).sorted()::iterator) {
                String path = pathIn(root, f);
                exists.add(path);
                if (!path.endsWith("module-info.class")) {
                    classes.add(new Entry(path, Files.readAllBytes(f)));
                }
            }
        }
        Run run;
        try (URLClassLoader resources = resources(root)) {
            run = new Run(root, resources);
            run.rewrite(classes, exists);
        }
        for (Map.Entry<String, byte[]> w : run.writes.entrySet()) {
            Path file = root.resolve(w.getKey());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, w.getValue());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        for (String d : run.deletes) {
            Files.deleteIfExists(root.resolve(d));
        }
        return run.report();
    }

    private Report instrumentJar(Path jar) throws IOException {
        List<ZipEntry> entries = new ArrayList<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        List<Entry> classes = new ArrayList<>();
        boolean signed = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                entries.add(e);
                contents.put(e.getName(), bytes);
                String n = e.getName();
                signed |= n.startsWith("META-INF/") && n.indexOf('/', 9) < 0
                        && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC"));
                if (!e.isDirectory() && n.endsWith(CLASS) && !n.endsWith("module-info.class")) {
                    classes.add(new Entry(n, bytes));
                }
            }
        }
        Run run;
        try (URLClassLoader resources = resources(jar)) {
            run = new Run(jar, resources);
            run.rewrite(classes, contents.keySet());
        }
        if (run.writes.isEmpty() && run.deletes.isEmpty()) {
            return run.report();    // the jar is left untouched, its time stamp too
        }
        if (signed) {
            run.errors.add(jar + " is signed: rewriting its classes would break the signature. Instrument the classes "
                    + "before the jar is signed.");
            return new Report(jar, List.of(), 0, run.upToDate, List.of(), List.copyOf(run.errors));
        }
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(file)) {
                Set<String> done = new HashSet<>();
                for (ZipEntry e : entries) {
                    String n = e.getName();
                    if (run.deletes.contains(n) || !done.add(n)) {
                        continue;
                    }
                    byte[] rewritten = run.writes.get(n);
                    if (rewritten != null) {
                        // the frame classes of a class go just before it, as they were put in the map
                        for (Map.Entry<String, byte[]> w : framesBefore(run, n).entrySet()) {
                            if (done.add(w.getKey())) {
                                put(out, w.getKey(), w.getValue(), e.getTime());
                            }
                        }
                        put(out, n, rewritten, e.getTime());
                    } else {
                        ZipEntry copy = new ZipEntry(n);
                        if (e.getTime() != -1) {
                            copy.setTime(e.getTime());
                        }
                        if (e.getComment() != null) {
                            copy.setComment(e.getComment());
                        }
                        if (e.getExtra() != null) {
                            copy.setExtra(e.getExtra());
                        }
                        out.putNextEntry(copy);
                        out.write(contents.get(n));
                        out.closeEntry();
                    }
                }
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return run.report();
    }

    /** The writes put in the map before {@code classPath} and after the previous class: its frame classes. */
    private static Map<String, byte[]> framesBefore(Run run, String classPath) {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> w : run.writes.entrySet()) {
            if (w.getKey().equals(classPath)) {
                return frames;
            }
            if (run.frameWrites.contains(w.getKey())) {
                frames.put(w.getKey(), w.getValue());
            } else {
                frames.clear();
            }
        }
        return frames;
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes, long time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (time != -1) {
            e.setTime(time);
        }
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }

    /** Supertypes are read from the target first, then the class path; the loader only serves resources. */
    private URLClassLoader resources(Path target) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(target.toUri().toURL());
        for (Path p : classPath) {
            urls.add(p.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static boolean isClassFile(Path f) {
        return f.getFileName().toString().endsWith(CLASS) && Files.isRegularFile(f);
    }

    /** The multi-release prefix of a jar entry ("META-INF/versions/11/"), else "". */
    private static String prefix(String path) {
        if (path.startsWith("META-INF/versions/")) {
            int slash = path.indexOf('/', "META-INF/versions/".length());
            if (slash > 0) {
                return path.substring(0, slash + 1);
            }
        }
        return "";
    }

    private static String pathIn(Path root, Path file) {
        StringBuilder sb = new StringBuilder();
        for (Path part : root.relativize(file)) {
            sb.append(sb.length() == 0 ? "" : "/").append(part);
        }
        return sb.toString();
    }
}
