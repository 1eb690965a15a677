/**
 * The recorded graph and the one backward walk.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>A {@link dev.chainrule.autodiff.graph.Node} is created after the tensors it consumes, so creation order
 *       is a topological order and gives dumps a deterministic numbering.
 *   <li>{@link dev.chainrule.autodiff.graph.Backprop} knows no op: it orders nodes iteratively (no recursion,
 *       any depth), calls each op's backward once with the complete gradient of its output, undoes
 *       broadcasting and casts each input gradient to its input's type, and adds it ({@code +=}) to that input.
 *   <li>Unless the graph is retained, each node is freed right after its step; walking it again is an error.
 *   <li>A node keeps the {@link dev.chainrule.autodiff.graph.ScopePath} of the
 *       {@link dev.chainrule.autodiff.GraphScope} open when it was recorded (null at the top level): one field
 *       read per op, a shared immutable path, no allocation; graph dumps cluster nodes by it.
 *   <li>A {@link dev.chainrule.autodiff.graph.BackwardListener} installed with
 *       {@link dev.chainrule.autodiff.graph.Backprop#observe} sees every contribution and leaf total of the walks
 *       run inside that call only; without one the walk pays a null check per step.
 * </ul>
 */
package dev.chainrule.autodiff.graph;
