/**
 * Dumps of the graph that produced a tensor, for teaching and debugging: Graphviz DOT, Mermaid, indented text
 * and JSON, with each value node's label, origin, shape, dtype, value and gradient, and each op node's local
 * derivative rule.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Ids are assigned within a dump in creation order ({@code t0, t1, ...} for values, {@code op0, op1, ...}
 *       for ops), never from global sequence numbers, so the same code gives the same dump in any JVM and dumps
 *       are compared against golden files.
 *   <li>The structure is collected once, when the dump is made; values and gradients are read when it is
 *       rendered, so a dump made before {@code backward} and rendered after it shows the gradients.
 *   <li>Walks are iterative, so deep graphs cannot overflow the stack.
 * </ul>
 */
package dev.chainrule.autodiff.dump;
