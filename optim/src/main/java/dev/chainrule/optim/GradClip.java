package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * Gradient clipping between backward and {@link Optimizer#step()}, as {@code torch.nn.utils.clip_grad_norm_}
 * and {@code clip_grad_value_}. Parameters without a gradient are skipped. A clipped gradient is a new tensor
 * set with {@link Tensor#setGrad}: gradients are never changed in place, since one may share storage with
 * another tensor.
 */
public final class GradClip {
  private GradClip() {}

  /**
   * Scales all gradients together so that their global L2 norm {@code n = sqrt(sum_i ||g_i||^2)} is at most about
   * {@code maxNorm}: when {@code c = maxNorm / (n + 1e-6) < 1}, every {@code g_i} becomes {@code c * g_i}. A
   * non-finite norm leaves the gradients as they are.
   *
   * @return the global norm {@code n} before clipping (0 when no parameter has a gradient)
   */
  public static double byGlobalNorm(List<Tensor> parameters, double maxNorm) {
    checkNotNull(parameters, "byGlobalNorm: parameters must not be null");
    checkArgument(maxNorm >= 0, "byGlobalNorm: maxNorm must not be negative, got %s", maxNorm);
    try (var off = GradMode.off()) {
      double sumOfSquares = 0;
      for (Tensor p : parameters) {
        if (p.grad() != null) {
          sumOfSquares += p.grad().square().sum().item();
        }
      }
      double norm = Math.sqrt(sumOfSquares);
      double coefficient = maxNorm / (norm + 1e-6);
      if (coefficient < 1) {
        for (Tensor p : parameters) {
          if (p.grad() != null) {
            p.setGrad(p.grad().mul(coefficient));
          }
        }
      }
      return norm;
    }
  }

  /** Clamps every gradient element to {@code [-clip, clip]}. */
  public static void byValue(List<Tensor> parameters, double clip) {
    checkNotNull(parameters, "byValue: parameters must not be null");
    checkArgument(clip >= 0, "byValue: clip must not be negative, got %s", clip);
    try (var off = GradMode.off()) {
      for (Tensor p : parameters) {
        if (p.grad() != null) {
          p.setGrad(p.grad().clamp(-clip, clip));
        }
      }
    }
  }
}
