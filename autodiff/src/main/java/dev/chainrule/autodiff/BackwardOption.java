package dev.chainrule.autodiff;

/** Options of {@link Tensor#backward}. */
public enum BackwardOption {
  /** Keep the graph after the walk so that backward can run through it again. */
  RETAIN_GRAPH,
  /**
   * Record the backward computation itself, so the gradients are differentiable (second derivatives,
   * Hessian-vector products, gradient penalties). Implies {@link #RETAIN_GRAPH}.
   */
  CREATE_GRAPH
}
