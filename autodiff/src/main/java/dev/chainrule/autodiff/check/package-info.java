/**
 * Gradient checking, public API: {@link dev.chainrule.autodiff.check.GradCheck} compares a function's
 * backward rules with central finite differences in FLOAT64 and checks shape, determinism, linearity in the
 * upstream gradient and (optionally) second derivatives; a failure is a
 * {@link dev.chainrule.autodiff.check.GradCheckException} listing the worst
 * {@link dev.chainrule.autodiff.check.Mismatch}es.
 *
 * <p>Invariants: a check never modifies the caller's tensors or their {@code grad()}; it is deterministic (fixed
 * seeds for the random upstream gradient and weighting), so a failure reproduces exactly.
 */
package dev.chainrule.autodiff.check;
