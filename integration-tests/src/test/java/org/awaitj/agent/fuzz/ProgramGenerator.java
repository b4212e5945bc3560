package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Writes random, compilable, terminating Java: the base program (see {@link MethodGen} and the classes it
 * extends: locals of every type, awaits in any operand position, every loop and switch form, try/catch/finally
 * and try-with-resources, early returns, thrown and caught exceptions, synchronized blocks and lambdas without
 * awaits, and calls to other generated {@code @Async} methods), then the features switched on for the unit
 * (see {@link Feature}), each from a random source of its own: switching one off leaves the rest as it was,
 * which lets a failure be reduced to the feature that makes it.
 *
 * <p>The same seed gives the same unit ({@link Random} is specified; only the pattern feature depends on the
 * JDK, see {@link Feature#PATTERNS}). Every loop is bounded by a counter the body cannot assign, calls only go
 * to later methods (a feature's methods call the base program's, never the other way), and the log's fuel
 * bounds the rest.
 */
final class ProgramGenerator {
    static final Ty[] VALUE_TYPES = Ty.values();

    final Random rnd;
    final Unit unit;
    private int tags;

    private ProgramGenerator(long seed) {
        this.rnd = new Random(seed);
        this.unit = new Unit(seed);
    }

    /** A unit of {@code methods} generated methods, each with its program, and the features its seed chooses. */
    static Unit generate(long seed, int methods) {
        return generate(seed, methods, Feature.chosen(seed));
    }

    /** The same with the given features only. */
    static Unit generate(long seed, int methods, Set<Feature> features) {
        return new ProgramGenerator(seed).unit(methods, features);
    }

    private Unit unit(int count, Set<Feature> features) {
        int fields = 1 + rnd.nextInt(4);
        for (int i = 0; i < fields; i++) {
            Ty t = VALUE_TYPES[rnd.nextInt(VALUE_TYPES.length)];
            unit.fields.add(t);
            unit.fieldInits.add(literal(t, rnd).parts.get(0).toString());
        }
        for (int k = 0; k < count; k++) {
            List<Ty> params = new ArrayList<>();
            for (int i = rnd.nextInt(4); i > 0; i--) {
                params.add(VALUE_TYPES[rnd.nextInt(VALUE_TYPES.length)]);
            }
            Ty ret = rnd.nextInt(8) == 0 ? null : VALUE_TYPES[rnd.nextInt(VALUE_TYPES.length)];
            unit.methods.add(new Method("m" + k, rnd.nextInt(3) == 0, ret, params));
        }
        unit.baseCount = count;
        for (int k = 0; k < count; k++) {
            Method m = unit.methods.get(k);
            new MethodGen(this, rnd, m, unit.methods.subList(k + 1, Math.min(count, k + 8)), null).body();
            List<Expr> args = new ArrayList<>();
            for (Ty t : m.params) {
                args.add(literal(t, rnd));
            }
            unit.mainArgs.put(m.name, args);
        }
        for (Feature f : Feature.values()) {
            if (features.contains(f)) {
                unit.features.add(f);
                f.generator(this).generate();
            }
        }
        return unit;
    }

    int tag() {
        return tags++;
    }

    /** A literal of the type: the leaves of generation, and what the reducer puts in place of an expression. */
    static Expr literal(Ty t, Random rnd) {
        Expr e = new Expr(t);
        e.literal = true;
        int small = rnd.nextInt(12) - 3;
        switch (t) {
            case BOOL -> e.add(rnd.nextBoolean() ? "true" : "false");
            case BYTE -> e.add("(byte) " + (rnd.nextInt(5) == 0 ? 127 - rnd.nextInt(3) : small));
            case CHAR -> e.add("'" + (char) ('a' + rnd.nextInt(26)) + "'");
            case SHORT -> e.add("(short) " + (rnd.nextInt(5) == 0 ? 32767 : small));
            case INT -> e.add(rnd.nextInt(8) == 0 ? (rnd.nextBoolean() ? "Integer.MAX_VALUE" : "Integer.MIN_VALUE")
                    : Integer.toString(small));
            case LONG -> e.add(rnd.nextInt(5) == 0 ? (1L << (33 + rnd.nextInt(30))) + "L" : small + "L");
            case FLOAT -> e.add(small + ".5f");
            case DOUBLE -> e.add(rnd.nextInt(6) == 0 ? "1e300" : small + ".25");
            case STRING -> e.add(rnd.nextInt(25) == 0 ? "(String) null" : "\"s" + rnd.nextInt(100) + "\"");
            case INTEGER -> e.add(rnd.nextInt(10) == 0 ? "(Integer) null" : "Integer.valueOf(" + small + ")");
            case INTS -> e.add("new int[] {" + small + ", " + (small + 1) + ", " + rnd.nextInt(9) + ", 7}");
            case COLOR -> e.add("Color." + new String[] {"RED", "GREEN", "BLUE"}[rnd.nextInt(3)]);
            case OBJECT -> e.add(rnd.nextBoolean() ? "(Object) \"o" + rnd.nextInt(100) + "\"" : "(Object) Integer.valueOf(" + small + ")");
            default -> throw new AssertionError(t);
        }
        return e;
    }
}
