package org.awaitj.agent.debug;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/** What the call-site markers share: the class's source file, for the locations they plant, and whether they marked. */
abstract class CallSiteMarker extends ClassVisitor {
    private String sourceFile;
    private boolean changed;

    CallSiteMarker(ClassVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** Whether a call site was marked. */
    final boolean changed() {
        return changed;
    }

    /** A call site was marked. */
    final void marked() {
        changed = true;
    }

    /** "Example.java:14", what a report names as the place. */
    final String location(int line) {
        return (sourceFile != null ? sourceFile : "?") + ":" + line;
    }

    @Override
    public void visitSource(String source, String debug) {
        sourceFile = source;
        super.visitSource(source, debug);
    }
}
