package org.awaitj.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.awaitj.agent.instrument.Instrumenter;

/** What both goals do, to the class folder each is given: see {@link Instrumenter}. */
abstract class AbstractInstrumentMojo extends AbstractMojo {
    /** Skips the rewriting; the classes then need the agent to run. */
    @Parameter(property = "awaitj.skip", defaultValue = "false")
    private boolean skip;

    /** Error locations are printed relative to it, as the user typed the paths: src/main/java/... */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true, required = true)
    private File executionRoot;

    abstract File classesDirectory();

    /** The class path the classes were compiled against: where their supertypes are. */
    abstract List<String> classpathElements();

    abstract List<String> sourceRoots();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        File classes = classesDirectory();
        if (skip) {
            getLog().info("awaitj: skipped; " + classes + " keeps its @Async methods as javac wrote them");
            return;
        }
        if (!classes.isDirectory()) {
            getLog().debug("awaitj: no " + classes + ", nothing to rewrite");
            return;
        }
        Instrumenter.Report report;
        try {
            report = new Instrumenter(paths(classpathElements()), paths(sourceRoots()), executionRoot.toPath())
                    .instrument(classes.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("awaitj: could not rewrite " + classes + ": " + e, e);
        }
        if (!report.errors().isEmpty()) {
            int n = report.errors().size();
            throw new MojoFailureException("awaitj: " + n + (n == 1 ? " error" : " errors") + "; the classes named "
                    + "were left as javac wrote them:" + System.lineSeparator() + String.join(System.lineSeparator(), report.errors()));
        }
        for (String c : report.rewritten()) {
            getLog().debug("awaitj: rewrote " + c);
        }
        for (String d : report.deleted()) {
            getLog().debug("awaitj: deleted stale frame class " + d);
        }
        if (report.changed()) {
            getLog().info("awaitj: " + report.summary());
        } else {
            getLog().debug("awaitj: " + report.summary());     // an up-to-date build says nothing at info
        }
    }

    private static List<Path> paths(List<String> elements) {
        List<Path> out = new ArrayList<>();
        if (elements != null) {
            for (String e : elements) {
                out.add(Path.of(e));
            }
        }
        return out;
    }
}
