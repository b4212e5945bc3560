package org.awaitj.agent;

import java.io.ObjectStreamClass;

import org.awaitj.agent.shapes.SerializableCoroutines;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rewriting adds members to a class (factories' bodies, direct entries, bridges, an interface), which the
 * default serialVersionUID hashes: a serializable class that declares none gets the one it had as compiled, so
 * that objects serialized with or without the agent, or by another awaitj version, still deserialize.
 */
class SerialVersionUidTest {
    @ParameterizedTest
    @ValueSource(classes = {SerializableCoroutines.Ledger.class, SerializableCoroutines.NamedLedger.class,
            SerializableCoroutines.Versioned.class})
    void aSerializableClassKeepsTheSerialVersionUidItHadAsCompiled(Class<?> original) {
        Class<?> rewritten = Rewritten.load(original);
        assertTrue(Rewritten.classNode(original).methods.size() > original.getDeclaredMethods().length,
                "rewritten: members were added");
        assertEquals(ObjectStreamClass.lookup(original).getSerialVersionUID(),
                ObjectStreamClass.lookup(rewritten).getSerialVersionUID());
    }

    @Test
    void aClassThatIsNotSerializableGetsNoSerialVersionUid() {
        assertTrue(Rewritten.classNode(SerializableCoroutines.Plain.class).fields.stream()
                .noneMatch(f -> f.name.equals("serialVersionUID")));
        assertEquals(1, Rewritten.classNode(SerializableCoroutines.Versioned.class).fields.stream()
                .filter(f -> f.name.equals("serialVersionUID")).count());
    }

    @Test
    void theirMethodsRunAsRewritten() {
        assertEquals("main: 5, 12", Rewritten.run(SerializableCoroutines.class, "ledger"));
    }
}
