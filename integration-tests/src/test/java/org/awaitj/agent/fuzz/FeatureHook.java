package org.awaitj.agent.fuzz;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/** What a feature mixes into the methods it generates: expressions and statements of its own constructs. */
interface FeatureHook {
    /** An expression of type {@code t} using the feature, or null to leave it to the base generator. */
    Expr expr(ExpressionGen g, Ty t, int d);

    /** A statement using the feature (often a declaration its expressions then use), or null. */
    default Stmt statement(StatementGen g) {
        return null;
    }
}
