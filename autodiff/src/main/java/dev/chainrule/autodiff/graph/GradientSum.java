package dev.chainrule.autodiff.graph;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;

/**
 * The gradient a tensor has received so far in one backward walk, {@code total = ((g1 + g2) + g3) + ...}. The
 * first contribution is kept as received; the first addition makes a new tensor, which no one else holds, and
 * later contributions are added into it in place: the same additions in the same order, so the same bits, without
 * a new buffer per contribution (a weight used at each of T time steps costs one sum, not T - 1). While the walk
 * records its own graph ({@code createGraph}), every addition stays an op of its own.
 */
final class GradientSum {
  private Tensor total;
  /** Whether {@link #total} is a sum made here, which may be added to. */
  private boolean owned;

  void add(Tensor grad) {
    if (total == null) {
      total = grad;
    } else if (owned && !GradMode.isEnabled() && grad.dtype() == total.dtype()
        && grad.shape().equals(total.shape())) {
      total.addInPlace(grad);
    } else {
      total = total.add(grad);
      owned = true;
    }
  }

  /** The total, or null when nothing was added; empties this sum. */
  Tensor take() {
    Tensor t = total;
    total = null;
    owned = false;
    return t;
  }
}
