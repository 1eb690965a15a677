/**
 * Losses: MSE, binary cross-entropy on probabilities and on logits, cross-entropy with INT64 class labels, with
 * one-hot or soft targets, negative log-likelihood, and the L2 penalty; each with a {@link Reduction}.
 *
 * <p>Invariants: every loss is a composition of autodiff tensor operations and holds no gradient code; losses
 * on logits go through the fused, stable {@code logSoftmax}, so they are finite for logits of any magnitude;
 * shapes that do not fit are an {@code IllegalArgumentException} naming the loss and both shapes, and so are
 * values a loss cannot mean (probabilities outside {@code [0, 1]}, labels that are not class indices), with a
 * pointer to the loss that fits; a NaN prediction is not such a value, and gives a NaN loss.
 */
package dev.chainrule.nn.loss;
