/**
 * Read-only diagnostics of a model's state, printable after a forward and backward pass: the
 * {@link dev.chainrule.nn.diagnostics.SymmetryDetector} (hidden units that zero or constant initialisation keeps
 * identical) and the {@link dev.chainrule.nn.diagnostics.GradientNorms} table (vanishing and exploding gradients,
 * parameter by parameter).
 *
 * <p>Invariants: nothing here records a graph, computes a gradient or changes a tensor; the diagnostics only read
 * parameter values and the gradients a previous {@code backward} left in {@code grad()}.
 */
package dev.chainrule.nn.diagnostics;
