package dev.chainrule.autodiff.ops.pool;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import java.util.List;

/**
 * The backward of {@code f} as a function of the upstream gradient: {@code (x, g) -> d/dx sum(f(x) * g)},
 * recorded. For an op linear in {@code x} (pooling, padding) second derivatives in {@code x} are zero, so
 * gradient-checking this function in {@code g} is what proves the backward op, and its second order the
 * backward op's own backward.
 */
final class Vjp {
  private Vjp() {}

  static GradCheck.TensorFunction of(GradCheck.TensorFunction f) {
    return in -> {
      try (var on = GradMode.on()) {
        Tensor x = in[0].needsGrad() ? in[0] : in[0].detach().requiresGrad();
        return Autograd.grad(f.apply(x).mul(in[1]).sum(), List.of(x), true).get(0);
      }
    };
  }
}
