package org.awaitj.agent.transform;

/**
 * A method the agent will not rewrite, with what is wrong, where, and what to do. The method is left as it
 * was; the rest of the class is rewritten and loads normally.
 */
public final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    public Refusal(String message) {
        super(message, null, false, false);
    }
}
