/**
 * Tensors and the contract of differentiable operations.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>A {@link dev.chainrule.autodiff.Tensor} is contiguous and row-major, FLOAT32 or FLOAT64, and its values
 *       never change after creation, except through methods named {@code ...InPlace} or {@code copyFrom}, meant
 *       for optimizers under {@link dev.chainrule.autodiff.GradMode#off()}; each such change bumps the tensor's
 *       version, and backward refuses a saved tensor whose version changed.
 *   <li>Every operation goes through {@link dev.chainrule.autodiff.Function#apply}: forward runs with recording
 *       off; a node is recorded only when grad mode is on and some input needs a gradient, or when
 *       {@link dev.chainrule.autodiff.AnomalyMode} blames the op where a NaN or Inf entered or was made, so its
 *       graph can be dumped.
 *   <li>Random numbers come only from an explicit, seeded {@link dev.chainrule.autodiff.Rng}.
 *   <li>Caller mistakes throw {@code IllegalArgumentException} or {@code IllegalStateException} naming the
 *       operation, the shapes and what was expected.
 * </ul>
 */
package dev.chainrule.autodiff;
