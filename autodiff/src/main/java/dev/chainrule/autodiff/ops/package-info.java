/**
 * One final class per primitive operation, forward beside backward.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Each op class extends {@link dev.chainrule.autodiff.Function}; its javadoc gives the forward and the
 *       backward in math and the shape contract. docs/autodiff.md lists them all, and a gradient property checks
 *       each one against finite differences.
 *   <li>Forward computes on plain arrays through {@link dev.chainrule.autodiff.ops.Compute} and the kernels;
 *       backward is written with differentiable tensor operations, so every rule can be differentiated again.
 *   <li>No backward handles broadcasting: it may return a gradient of the output's shape, and the walker sums it
 *       back to the operand's shape.
 *   <li>Helpers that are not ops ({@code Compute}, {@code Compare}, {@code Axes}, index arithmetic) record
 *       nothing.
 * </ul>
 */
package dev.chainrule.autodiff.ops;
