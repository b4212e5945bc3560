package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * One generated compilation unit: instance fields, generated methods m0..mN (each may await only later ones,
 * so the calls never recurse), and for each method k a program main{k} that calls it with fixed arguments
 * and logs the fields at the end; then what its features add (nested types, classes of another package, and
 * methods with programs of their own). Rendered as two twins by {@link Twins}.
 */
final class Unit {
    /** The seed it was generated from: rendering and running it again gives the same result. */
    final long seed;
    final List<Ty> fields = new ArrayList<>();
    final List<String> fieldInits = new ArrayList<>();
    final List<Method> methods = new ArrayList<>();
    /** The arguments main{k} passes to method k (literals), by method name; null for a method with no main. */
    final java.util.Map<String, List<Expr>> mainArgs = new java.util.LinkedHashMap<>();
    /** How many of the methods are the base program's (m0..); a feature's methods follow. */
    int baseCount;
    /** The features switched on: each added members, classes and methods of its own. */
    final java.util.EnumSet<Feature> features = java.util.EnumSet.noneOf(Feature.class);
    /** The {@code javac --release} the unit is compiled for. */
    int release = 17;
    /** Members of the unit's class that features added (nested types), as template text. */
    final List<String> members = new ArrayList<>();
    /** Top-level classes of the unit's own other package, by simple name, as template text (see Twins). */
    final java.util.Map<String, String> classes = new java.util.LinkedHashMap<>();

    Unit(long seed) {
        this.seed = seed;
    }

    /** The same unit generated afresh (the generator is deterministic), with only the given features. */
    Unit regenerate(java.util.Set<Feature> with) {
        return ProgramGenerator.generate(seed, baseCount, with);
    }

    Method method(String name) {
        for (Method m : methods) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** The programs of the unit, by the name of the method each calls. */
    List<String> programs() {
        return new ArrayList<>(mainArgs.keySet());
    }
}
