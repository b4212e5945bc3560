package org.awaitj.agent.fuzz;

import java.util.List;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * A class hierarchy of {@code @Async} instance methods: {@code Animal.speak} (generated), {@code Animal.twice}
 * awaiting {@code this.speak} twice (virtual dispatch between a class's own awaits), {@code Dog} and {@code
 * Puppy} overriding {@code speak} with a body that awaits {@code super.speak} first, {@code Puppy} overriding
 * {@code twice} around {@code super.twice}. speak never calls twice, so nothing recurses. The unit's methods
 * await them through receivers of each static type.
 */
final class InheritanceFeature extends FeatureGen {
    InheritanceFeature(ProgramGenerator gen) {
        super(gen, Feature.INHERITANCE);
    }

    @Override
    void generate() {
        StringBuilder sb = new StringBuilder();
        sb.append("    static class Animal {\n");
        sb.append("        final String name;\n");
        sb.append("        Animal(String name) { this.name = name; }\n");
        sb.append("        $ASYNC$$CORO<String> speak(int p0) throws CheckedBoom ");
        sb.append(nestedBody(Ty.STRING, List.of(Ty.INT), 2, g -> g.declare("name", Ty.STRING, false)));
        sb.append("\n        $ASYNC$$CORO<String> twice(int p0) throws CheckedBoom {\n");
        sb.append("            String a = await(speak(p0));\n");
        sb.append("            return $RESULT(a + \"/\" + await(speak(p0 + 1)));\n");
        sb.append("        }\n    }\n\n");
        override(sb, "Dog", "Animal", false);
        override(sb, "Puppy", "Dog", true);
        unit.members.add(sb.toString());
        for (int i = 1 + rnd.nextInt(2); i > 0; i--) {
            method(chance(50), pick(List.of(Ty.STRING, Ty.INT)), List.of(Ty.INT));
        }
    }

    /** {@code class name extends parent}, overriding speak (and twice) around the super call's await. */
    private void override(StringBuilder sb, String name, String parent, boolean twice) {
        sb.append("    static ").append(twice ? "final " : "").append("class ").append(name).append(" extends ")
                .append(parent).append(" {\n");
        sb.append("        ").append(name).append("(String name) { super(name + \"").append(name.charAt(0)).append("\"); }\n");
        sb.append("        @Override $ASYNC$$CORO<String> speak(int p0) throws CheckedBoom ");
        boolean first = chance(60);
        sb.append(nestedBody(Ty.STRING, List.of(Ty.INT), 2, g -> {
            g.declare("name", Ty.STRING, false);
            String sup = "sup";
            if (first) {
                g.method.body.add(stmt("String " + sup + " = await(super.speak(p0 + 1));"));
            } else {
                // the super call's await after a local and a suspension of its own
                g.method.body.add(stmt("int before = ", g.expr(Ty.INT, 2), ";"));
                g.method.body.add(stmt("String " + sup + " = \"" + name + "\" + before + await(super.speak(before & 3));"));
                g.declare("before", Ty.INT, true);
            }
            g.declare(sup, Ty.STRING, true);
        }));
        sb.append('\n');
        if (twice) {
            sb.append("        @Override $ASYNC$$CORO<String> twice(int p0) throws CheckedBoom {\n");
            sb.append("            Log.event(\"").append(name).append(".twice \" + p0);\n");
            sb.append("            return $RESULT(\"<\" + await(super.twice(p0)) + \">\");\n");
            sb.append("        }\n");
        }
        sb.append("    }\n\n");
    }

    @Override
    public Expr expr(ExpressionGen g, Ty t, int d) {
        if (t != Ty.STRING) {
            return null;
        }
        String receiver = switch (rnd.nextInt(5)) {
            case 0 -> "new Animal(";
            case 1 -> "new Dog(";
            case 2 -> "new Puppy(";
            case 3 -> "((Animal) new Puppy(";
            default -> "((Dog) new Puppy(";
        };
        Expr e = new Expr(t).add("await(" + receiver, g.expr(Ty.STRING, d - 1), receiver.startsWith("((") ? "))" : ")");
        e.add(chance(70) ? ".speak(" : ".twice(", g.expr(Ty.INT, d - 1), "))");
        g.noteChecked();
        return e;
    }
}
