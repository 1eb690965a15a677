package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/**
 * Channel dropout for feature maps {@code (N, C, H, W)}, as {@code torch.nn.Dropout2d}: in training,
 * {@code y[n, c] = x[n, c] * m[n, c] / (1 - p)} with one fresh mask value per sample and channel,
 * {@code m = (u >= p)} for {@code u} of shape {@code (N, C, 1, 1)} uniform in {@code [0, 1)} from this layer's
 * seeded {@link Rng}, broadcast over the H x W plane: a whole channel is zeroed with probability {@code p} (its
 * pixels are correlated, so dropping single pixels regularises little), and {@code E[y] = x}. In evaluation,
 * {@code y = x} and nothing is drawn. Backward is that of the product: {@code dL/dx = g * m / (1 - p)}.
 */
public final class Dropout2d extends Module {
  private final double p;
  private final Rng rng;

  /** @param p the probability of zeroing a channel of a sample, in {@code [0, 1)} */
  public Dropout2d(double p, Rng rng) {
    checkArgument(p >= 0 && p < 1, "Dropout2d: p must be in [0, 1), got %s", p);
    this.p = p;
    this.rng = checkNotNull(rng, "Dropout2d: rng must not be null");
  }

  @Override
  public Tensor forward(Tensor x) {
    checkArgument(x.rank() == 4, "Dropout2d: input of shape %s must be (N, C, H, W)", x.shape());
    if (!isTraining() || p == 0) {
      return x;
    }
    int n = x.shape().dim(0);
    int c = x.shape().dim(1);
    Tensor scaledMask = Tensor.rand(rng, n, c, 1, 1).ge(p).to(x.dtype()).mul(1 / (1 - p));
    return x.mul(scaledMask);
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
