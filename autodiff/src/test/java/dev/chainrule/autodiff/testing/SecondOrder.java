package dev.chainrule.autodiff.testing;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import java.util.List;

/**
 * Turns a function into its gradient, so that {@link GradCheck} of the result checks second derivatives
 * (the backward of the backward). Published with the generators for users' own ops.
 */
public final class SecondOrder {
  private SecondOrder() {}

  /**
   * {@code in -> d/d in[wrt] sum(f(in) * w)}, recorded so that it is itself differentiable; {@code w} is a fixed
   * non-uniform weight (so the result is not a degenerate special case). Grad mode is switched on inside, and a
   * perturbed copy of {@code in[wrt]} that is not marked (as GradCheck passes during finite differences) is
   * marked, so the function works in both of GradCheck's passes.
   */
  public static GradCheck.TensorFunction gradientOf(GradCheck.TensorFunction f, int wrt) {
    return in -> {
      try (var on = GradMode.on()) {
        Tensor[] args = in.clone();
        if (!args[wrt].needsGrad()) {
          args[wrt] = args[wrt].detach().requiresGrad();
        }
        Tensor out = f.apply(args);
        Tensor w = Generators.uniform(out.shape(), 0x2d, 0.5, 1.5);
        return Autograd.grad(out.mul(w).sum(), List.of(args[wrt]), true).get(0);
      }
    };
  }
}
