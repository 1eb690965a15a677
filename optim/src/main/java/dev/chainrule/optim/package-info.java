/**
 * Optimizers and gradient clipping: no-grad, in-place updates of parameter tensors from their gradients.
 *
 * <p>Invariants of this package:
 *
 * <ul>
 *   <li>An {@link dev.chainrule.optim.Optimizer} holds leaf tensors that require grad. {@code step()} runs under
 *       {@code GradMode.off()}, skips a parameter whose {@code grad()} is null, and changes parameters and its own
 *       state only through the {@code ...InPlace} methods of {@code Tensor} (each bumps the tensor's version), so
 *       a graph recorded before the step refuses to run backward through an updated parameter.
 *   <li>Per-parameter state (momentum buffers, moment estimates, step counts) is created lazily at a parameter's
 *       first update, aligned with {@link dev.chainrule.optim.Optimizer#parameters()} by index.
 *   <li>Every optimizer follows the update equations of PyTorch 1.13's documentation, written in its javadoc;
 *       defaults match PyTorch's. Gradients are never changed in place (a gradient may share storage with
 *       another tensor): weight decay and clipping make new gradient tensors.
 *   <li>Hyper-parameters are checked at construction with {@code IllegalArgumentException} naming the value.
 * </ul>
 */
package dev.chainrule.optim;
