package org.awaitj.agent.instrument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the transformer's refusals into {@code src/main/java/com/example/Example.java:12: message} lines, the form
 * compilers print and IDEs and CI link to. The source file is looked up under the source roots (given, or those
 * of the Maven or Gradle layout the class folder sits in); when it is not found the location is the path inside
 * the package, {@code com/example/Example.java:12}, as lint prints it.
 */
public final class SourceLocator {
    /** The place in the transformer's message: "... at Example.java:12: ..." (the line is optional). */
    private static final Pattern WHERE = Pattern.compile(" at ([^\\s:]+?)(?::(\\d+))?: ");

    private final List<Path> roots;
    private final Path base;

    /** {@code base}: locations are printed relative to it when they are inside it. */
    public SourceLocator(List<Path> roots, Path base) {
        this.roots = roots;
        this.base = base.toAbsolutePath().normalize();
    }

    /** The source roots of the usual layouts: target/classes, target/test-classes, build/classes/java/main... */
    public static List<Path> detect(Path target) {
        Path t = target.toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        Path parent = t.getParent();
        String name = String.valueOf(t.getFileName());
        if (parent != null && String.valueOf(parent.getFileName()).equals("target") && parent.getParent() != null) {
            Path project = parent.getParent();      // Maven: target/classes, target/test-classes, target/x.jar
            roots.add(project.resolve(name.equals("test-classes") ? "src/test/java" : "src/main/java"));
        } else if (parent != null && parent.getParent() != null
                && String.valueOf(parent.getParent().getFileName()).equals("classes")
                && parent.getParent().getParent() != null
                && String.valueOf(parent.getParent().getParent().getFileName()).equals("build")) {
            Path project = parent.getParent().getParent().getParent();     // Gradle: build/classes/java/main
            if (project != null) {
                roots.add(project.resolve("src/" + name + "/" + parent.getFileName()));
            }
        } else if (parent != null && String.valueOf(parent.getFileName()).equals("libs") && parent.getParent() != null
                && String.valueOf(parent.getParent().getFileName()).equals("build")) {
            Path project = parent.getParent().getParent();      // Gradle: build/libs/x.jar
            if (project != null) {
                roots.add(project.resolve("src/main/java"));
            }
        }
        return roots;
    }

    /** "src/main/java/com/example/Example.java", or "com/example/Example.java" when no root holds it. */
    public String sourcePath(String internalName, String sourceFile) {
        String pkg = internalName.lastIndexOf('/') >= 0 ? internalName.substring(0, internalName.lastIndexOf('/') + 1) : "";
        String file = sourceFile != null ? sourceFile : internalName.substring(pkg.length()) + ".class";
        for (Path root : roots) {
            Path candidate = root.resolve(pkg + file);
            if (Files.isRegularFile(candidate)) {
                Path abs = candidate.toAbsolutePath().normalize();
                return (abs.startsWith(base) ? base.relativize(abs) : abs).toString();
            }
        }
        return pkg + file;
    }

    /** The transformer's message about the class, prefixed with its file and line. */
    public String locate(String internalName, String sourceFile, String message) {
        String where = sourcePath(internalName, sourceFile);
        Matcher m = WHERE.matcher(message);
        if (m.find() && m.group(2) != null) {
            where += ":" + m.group(2);
        }
        return where + ": " + message;
    }
}
