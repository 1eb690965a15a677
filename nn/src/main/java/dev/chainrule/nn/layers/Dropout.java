package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/**
 * Inverted dropout. In training, {@code y = x * m / (1 - p)} with a fresh mask {@code m = (u >= p)},
 * {@code u} uniform in {@code [0, 1)} from this layer's seeded {@link Rng}: each element is zeroed with
 * probability {@code p}, and the survivors are scaled so that {@code E[y] = x}. In evaluation, {@code y = x}.
 * The same seed gives the same sequence of masks.
 */
public final class Dropout extends Module {
  private final double p;
  private final Rng rng;

  /** @param p the probability of zeroing an element, in {@code [0, 1)} */
  public Dropout(double p, Rng rng) {
    checkArgument(p >= 0 && p < 1, "Dropout: p must be in [0, 1), got %s", p);
    this.p = p;
    this.rng = checkNotNull(rng, "Dropout: rng must not be null");
  }

  @Override
  public Tensor forward(Tensor x) {
    if (!isTraining() || p == 0) {
      return x;
    }
    Tensor scaledMask = Tensor.rand(rng, x.shape().dims()).ge(p).to(x.dtype()).mul(1 / (1 - p));
    return x.mul(scaledMask);
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
