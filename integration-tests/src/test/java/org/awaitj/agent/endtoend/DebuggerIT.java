package org.awaitj.agent.endtoend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.connect.LaunchingConnector;
import com.sun.jdi.connect.VMStartException;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import org.awaitj.testapp.AsyncProgram;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A debugger on a JVM running rewritten code (JDI, the API of IDE debuggers): a breakpoint on every line of an
 * @Async method, set in the rewritten class by source line as an IDE sets it, stops there; and where the program
 * stops, the method's locals are visible under their names, with their values, across suspensions.
 */
class DebuggerIT {
    private static final String PROGRAM = AsyncProgram.class.getName();

    @Test
    void breakpointsOnEveryLineOfAnAsyncMethodStopThereWithItsLocalsVisible() throws Exception {
        List<Integer> lines = originalLines("work");
        Map<String, Integer> marked = markedLines();

        LaunchingConnector connector = Bootstrap.virtualMachineManager().defaultConnector();
        Map<String, Connector.Argument> args = connector.defaultArguments();
        args.get("main").setValue(PROGRAM);
        args.get("options").setValue("-javaagent:" + EndToEnd.agentJar() + " -cp " + EndToEnd.classPath());
        args.get("home").setValue(System.getProperty("java.home"));
        VirtualMachine vm = launch(connector, args);

        TreeSet<Integer> hit = new TreeSet<>();
        Map<Integer, List<Map<String, String>>> localsAt = new HashMap<>();
        StringBuilder output = new StringBuilder();
        Thread pump = pump(vm, output);
        try {
            ClassPrepareRequest prepare = vm.eventRequestManager().createClassPrepareRequest();
            prepare.addClassFilter(PROGRAM);
            prepare.enable();
            vm.resume();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            events:
            while (System.nanoTime() < deadline) {
                EventSet set = vm.eventQueue().remove(1000);
                if (set == null) {
                    continue;
                }
                for (Event e : set) {
                    if (e instanceof ClassPrepareEvent cp) {
                        setBreakpoints(vm, cp.referenceType(), lines);
                    } else if (e instanceof BreakpointEvent b) {
                        int line = b.location().lineNumber();
                        hit.add(line);
                        if (marked.containsValue(line)) {
                            localsAt.computeIfAbsent(line, k -> new ArrayList<>()).add(locals(b.thread().frame(0)));
                        }
                    } else if (e instanceof VMDeathEvent || e instanceof VMDisconnectEvent) {
                        break events;
                    }
                }
                set.resume();
            }
        } finally {
            try {
                vm.dispose();
            } catch (RuntimeException ignored) {
                // already gone
            }
            vm.process().destroy();
            vm.process().waitFor(10, TimeUnit.SECONDS);
            pump.join(5000);
        }

        assertTrue(output.toString().contains(EndToEnd.RESULT), output.toString());
        assertEquals(new TreeSet<>(lines), hit, "every line of work(int) stopped at a breakpoint");

        // the locals, by name, where they are live: before and after each await of the loop, and after the loop
        List<Map<String, String>> before = localsAt.get(marked.get("before"));
        List<Map<String, String>> after = localsAt.get(marked.get("after"));
        List<Map<String, String>> done = localsAt.get(marked.get("done"));
        assertEquals(3, before.size(), "the loop's first line, once per iteration: " + before);
        assertEquals(3, after.size(), "the line after the await, once per iteration: " + after);
        assertEquals(List.of("0", "1", "5"), before.stream().map(m -> m.get("total")).toList(), before.toString());
        for (int k = 0; k < 3; k++) {
            Map<String, String> m = after.get(k);
            assertEquals(Integer.toString(k + 1), m.get("i"), m.toString());
            assertEquals("3", m.get("n"), m.toString());
            assertEquals(List.of("1", "5", "14").get(k), m.get("total"), m.toString());
            assertEquals(List.of("0", "1", "5").get(k), m.get("before"), m.toString());
            assertTrue(m.containsKey("log"), m.toString());
        }
        assertEquals("14", done.get(0).get("total"), done.toString());
        assertTrue(done.get(0).containsKey("log") && !done.get(0).containsKey("i"), done.toString());
        // n is dead after the loop: not saved across the last await, so not shown with a made-up value
        assertTrue(!done.get(0).containsKey("n") || done.get(0).get("n").equals("3"), done.toString());
    }

    private static VirtualMachine launch(LaunchingConnector connector, Map<String, Connector.Argument> args)
            throws IOException, IllegalConnectorArgumentsException, VMStartException {
        return connector.launch(args);
    }

    /** Drains the debuggee's output (a full pipe would stop it). */
    private static Thread pump(VirtualMachine vm, StringBuilder output) {
        Thread t = new Thread(() -> {
            try (InputStream out = vm.process().getInputStream(); InputStream err = vm.process().getErrorStream()) {
                byte[] buf = new byte[4096];
                for (int n; (n = out.read(buf)) > 0; ) {
                    synchronized (output) {
                        output.append(new String(buf, 0, n));
                    }
                }
                output.append(new String(err.readAllBytes()));
            } catch (IOException ignored) {
                // the debuggee is gone
            }
        }, "debuggee-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A breakpoint at every location of each line, in whichever method of the rewritten class holds it. */
    private static void setBreakpoints(VirtualMachine vm, ReferenceType type, List<Integer> lines)
            throws AbsentInformationException {
        for (int line : lines) {
            List<Location> locations = type.locationsOfLine(line);
            assertTrue(!locations.isEmpty(), "line " + line + " is in the rewritten class's line number tables");
            for (Location l : locations) {
                BreakpointRequest b = vm.eventRequestManager().createBreakpointRequest(l);
                b.enable();
            }
        }
    }

    private static Map<String, String> locals(StackFrame frame) throws AbsentInformationException,
            IncompatibleThreadStateException {
        Map<String, String> out = new TreeMap<>();
        for (LocalVariable v : frame.visibleVariables()) {
            var value = frame.getValue(v);
            out.put(v.name(), value == null ? "null" : value.toString());
        }
        return out;
    }

    /** The lines of the method in the class file javac wrote. */
    private static List<Integer> originalLines(String method) throws IOException {
        ClassNode cn = new ClassNode();
        try (InputStream in = AsyncProgram.class.getResourceAsStream("AsyncProgram.class")) {
            new ClassReader(in).accept(cn, 0);
        }
        TreeSet<Integer> lines = new TreeSet<>();
        for (MethodNode m : cn.methods) {
            if (m.name.equals(method)) {
                m.instructions.forEach(n -> {
                    if (n instanceof LineNumberNode l) {
                        lines.add(l.line);
                    }
                });
            }
        }
        assertTrue(lines.size() >= 8, "javac wrote line numbers (-g): " + lines);
        return new ArrayList<>(lines);
    }

    /** The lines marked "// LINE:name" in AsyncProgram's source. */
    private static Map<String, Integer> markedLines() throws IOException {
        Path source = Path.of(System.getProperty("basedir", "."), "src/test/java",
                PROGRAM.replace('.', '/') + ".java");
        List<String> text = Files.readAllLines(source);
        Map<String, Integer> marked = new HashMap<>();
        for (int i = 0; i < text.size(); i++) {
            int at = text.get(i).indexOf("// LINE:");
            if (at >= 0) {
                marked.put(text.get(i).substring(at + "// LINE:".length()).strip(), i + 1);
            }
        }
        assertEquals(3, marked.size(), marked.toString());
        return marked;
    }
}
