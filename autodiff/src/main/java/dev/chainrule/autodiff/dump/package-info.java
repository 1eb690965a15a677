/**
 * Dumps of the graph that produced a tensor, for teaching and debugging: Graphviz DOT, Mermaid, indented text
 * and JSON, with each value node's label, origin, shape, dtype, value and gradient, each op node's local
 * derivative rule, module scopes as nested clusters (or collapsed into one box each), and limits by node count
 * and by depth. {@link dev.chainrule.autodiff.dump.ScalarGraph} explodes one small tensor op into the scalar
 * graph it computes.
 *
 * <p>How it fits together: {@code Recorded} copies the reachable graph once, when the dump is made;
 * {@code DumpGraph} builds the drawn model from it for one set of options ({@code DumpOptions}: limits, which
 * scopes {@code Collapse} folds, {@code Clusters} for the nesting); the writers only format that model.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Ids are assigned within a dump in creation order ({@code t0, t1, ...} for values, {@code op0, op1, ...}
 *       for ops, {@code m0, ...} for collapsed modules, {@code cluster_0, ...} for clusters), never from global
 *       sequence numbers, so the same code gives the same dump in any JVM and dumps are compared against golden
 *       files. Collapsing hides nodes but renumbers none.
 *   <li>The structure is collected once, when the dump is made; values and gradients are read when it is
 *       rendered, so a dump made before {@code backward} and rendered after it shows the gradients, and options
 *       ({@code maxDepth}, {@code collapse}, ...) can be chosen after {@code backward}.
 *   <li>A node's cluster is the {@link dev.chainrule.autodiff.GraphScope} it was recorded in; a parameter's or a
 *       scalar constant's is the innermost scope of the ops that read it; other constants are at the top level.
 *   <li>Every string drawn is escaped for its format (DOT strings and record fields, Mermaid entities, JSON).
 *   <li>Walks are iterative, so deep graphs cannot overflow the stack (clusters recurse only as deep as modules
 *       nest).
 * </ul>
 */
package dev.chainrule.autodiff.dump;
