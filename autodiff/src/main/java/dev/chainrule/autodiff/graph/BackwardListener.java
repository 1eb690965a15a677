package dev.chainrule.autodiff.graph;

import dev.chainrule.autodiff.Tensor;

/**
 * Observes a backward walk step by step, for teaching tools such as a narrated backward pass. Installed for
 * the walks of one block of code with {@link Backprop#observe}; when none is installed the walk pays one null
 * check per step.
 *
 * <p>Callbacks come in walk order: every {@link #seed} first, then each contribution as it is sent, then each
 * leaf's {@link #leafTotal}. The tensors passed are the ones the walk uses; a listener must not change them.
 */
public interface BackwardListener {

  /** The walk starts at {@code root} with upstream gradient {@code upstream} ({@code dL/dL}, usually 1). */
  void seed(Tensor root, Tensor upstream);

  /**
   * The step of {@code node} sent {@code contribution = dL/dx_j} to its input {@code j}, {@code input}, given
   * {@code upstream = dL/dy}, the complete gradient of the node's output. {@code returned} is the gradient as
   * the op's backward returned it; {@code contribution} is that gradient with broadcasting undone (summed back
   * to the input's shape, so the two differ in shape exactly when the input was broadcast) and cast to the
   * input's type.
   */
  void contribution(Node node, int inputIndex, Tensor input, Tensor upstream, Tensor returned, Tensor contribution);

  /** All contributions to {@code leaf} summed, after its hooks ran: the gradient the walk delivers. */
  void leafTotal(Tensor leaf, Tensor total);
}
