package org.awaitj.agent.fuzz;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

/**
 * The parts of the program space beyond the base program, each a switch of its own: chosen per unit from the
 * seed (each with a random source of its own), and restricted with {@code -Dawaitj.fuzz.features=classes,
 * bridges} (or {@code none}, or {@code all}, the default). A failing unit is first reduced by switching off
 * the features it does not need.
 */
enum Feature {
    /** Classes of another package: package-private types returned by public methods, fluent builders with a package-private base. */
    CLASSES("kls"),
    /** Overrides that await {@code super}'s coroutine, and virtual dispatch between a class's own awaits. */
    INHERITANCE("inh"),
    /** Generic interfaces implemented by {@code @Async} methods: javac's bridges, called through the interface. */
    BRIDGES("brg"),
    /** Static initialisers with logged side effects, next to {@code new} with awaited arguments. */
    CLASS_INIT("ini"),
    /** Inner classes with {@code @Async} methods, and anonymous classes capturing locals. */
    NESTED("nst"),
    /**
     * Switch patterns, record patterns, guards and {@code yield}, in units compiled at {@code --release 21} or
     * {@code 25} (unnamed patterns there): only when the tests run on JDK 25 or later.
     */
    PATTERNS("pat");

    /** The names of the feature's methods: kls0, kls1... */
    final String prefix;

    Feature(String prefix) {
        this.prefix = prefix;
    }

    /** How often a unit has each feature. */
    private static final int PERCENT = 35;

    FeatureGen generator(ProgramGenerator gen) {
        return switch (this) {
            case CLASSES -> new ClassesFeature(gen);
            case INHERITANCE -> new InheritanceFeature(gen);
            case BRIDGES -> new BridgesFeature(gen);
            case CLASS_INIT -> new ClassInitFeature(gen);
            case NESTED -> new NestedClassesFeature(gen);
            case PATTERNS -> new PatternsFeature(gen);
        };
    }

    /** The feature's own random source for a unit. */
    Random random(long seed) {
        return new Random(seed * 0x9E3779B97F4A7C15L + 31L * (ordinal() + 1));
    }

    /** The features the seed switches on, among those the run allows. */
    static Set<Feature> chosen(long seed) {
        Set<Feature> out = EnumSet.noneOf(Feature.class);
        for (Feature f : allowed()) {
            if (f.random(seed ^ 0x5DEECE66DL).nextInt(100) < PERCENT) {
                out.add(f);
            }
        }
        return out;
    }

    static Set<Feature> allowed() {
        String spec = System.getProperty("awaitj.fuzz.features", "all").trim().toLowerCase(java.util.Locale.ROOT);
        Set<Feature> out = EnumSet.noneOf(Feature.class);
        for (Feature f : values()) {
            if (spec.equals("all") || (!spec.equals("none") && (',' + spec + ',').contains(',' + f.name().toLowerCase(java.util.Locale.ROOT) + ','))) {
                out.add(f);
            }
        }
        if (Runtime.version().feature() < 25) {
            out.remove(PATTERNS);       // the in-process javac must compile --release 25
        }
        return out;
    }
}
