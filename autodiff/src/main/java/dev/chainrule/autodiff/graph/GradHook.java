package dev.chainrule.autodiff.graph;

import dev.chainrule.autodiff.Tensor;

/**
 * Called with the gradient of a tensor when backward has computed all of it; returns the gradient to use from
 * then on (the same one to only observe it).
 */
@FunctionalInterface
public interface GradHook {
  Tensor apply(Tensor grad);
}
