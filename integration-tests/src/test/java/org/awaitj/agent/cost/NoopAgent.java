package org.awaitj.agent.cost;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The baseline of cost.sh: an agent whose transformer returns every class untouched at once. What it costs is
 * what the JVM charges any agent with a transformer (the java.instrument module, a call into Java for every
 * class loaded); what awaitj costs beyond it is its own.
 */
public final class NoopAgent {
    private NoopAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                    byte[] bytes) {
                return null;
            }
        }, true);
    }
}
