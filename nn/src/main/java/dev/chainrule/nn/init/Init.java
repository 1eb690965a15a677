package dev.chainrule.nn.init;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;

/**
 * Initialisers that overwrite a parameter in place ({@code copyFrom} under no-grad) and return it. Random ones
 * draw from the given seeded {@link Rng}, so the same seed gives the same values, straight into the parameter's
 * type: the only temporary is one array of the parameter's size and type.
 *
 * <p>Fans follow PyTorch for a weight of shape {@code (out, in, k...)}: {@code fanIn = in * prod(k)} and
 * {@code fanOut = out * prod(k)}; a tensor of rank below 2 has no fans. The variance-scaling rules keep the
 * variance of activations roughly constant from layer to layer:
 *
 * <ul>
 *   <li>Xavier/Glorot: {@code Var = gain^2 * 2 / (fanIn + fanOut)}; uniform bound
 *       {@code gain * sqrt(6 / (fanIn + fanOut))}, normal std {@code gain * sqrt(2 / (fanIn + fanOut))};
 *   <li>He/Kaiming (fan-in, ReLU gain {@code sqrt 2}): {@code Var = 2 / fanIn}; uniform bound
 *       {@code sqrt(6 / fanIn)}, normal std {@code sqrt(2 / fanIn)};
 *   <li>LeCun normal: std {@code sqrt(1 / fanIn)}.
 * </ul>
 */
public final class Init {
  private Init() {}

  /** Every element 0. */
  public static Tensor zeros(Tensor t) {
    return constant(t, 0);
  }

  /** Every element {@code value}. */
  public static Tensor constant(Tensor t, double value) {
    return overwrite(t, Tensor.full(t.dtype(), value, t.shape().dims()));
  }

  /** Normal with mean {@code mean} and standard deviation {@code std}. */
  public static Tensor normal(Tensor t, double mean, double std, Rng rng) {
    checkArgument(std >= 0, "Init.normal: std %s must be >= 0", std);
    return overwrite(t, Tensor.normal(t.dtype(), rng, mean, std, t.shape().dims()));
  }

  /** Uniform in {@code [a, b)}. */
  public static Tensor uniform(Tensor t, double a, double b, Rng rng) {
    checkArgument(a <= b, "Init.uniform: lower bound %s is above upper bound %s", a, b);
    return overwrite(t, Tensor.uniform(t.dtype(), rng, a, b, t.shape().dims()));
  }

  /** The course's "small random" initialisation: standard normal times 0.01. */
  public static Tensor smallRandom(Tensor t, Rng rng) {
    return normal(t, 0, 0.01, rng);
  }

  /** Xavier/Glorot uniform with gain 1. */
  public static Tensor xavierUniform(Tensor t, Rng rng) {
    return xavierUniform(t, 1, rng);
  }

  /** Xavier/Glorot uniform: bound {@code gain * sqrt(6 / (fanIn + fanOut))}. */
  public static Tensor xavierUniform(Tensor t, double gain, Rng rng) {
    double bound = gain * Math.sqrt(6.0 / (fanIn(t) + fanOut(t)));
    return uniform(t, -bound, bound, rng);
  }

  /** Xavier/Glorot normal with gain 1. */
  public static Tensor xavierNormal(Tensor t, Rng rng) {
    return xavierNormal(t, 1, rng);
  }

  /** Xavier/Glorot normal: std {@code gain * sqrt(2 / (fanIn + fanOut))}. */
  public static Tensor xavierNormal(Tensor t, double gain, Rng rng) {
    return normal(t, 0, gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t))), rng);
  }

  /** He/Kaiming uniform for ReLU, fan-in mode: bound {@code sqrt(2) * sqrt(3 / fanIn)}. */
  public static Tensor kaimingUniform(Tensor t, Rng rng) {
    double bound = Math.sqrt(2) * Math.sqrt(3.0 / fanIn(t));
    return uniform(t, -bound, bound, rng);
  }

  /** He/Kaiming normal for ReLU, fan-in mode: std {@code sqrt(2) / sqrt(fanIn)}. */
  public static Tensor kaimingNormal(Tensor t, Rng rng) {
    return normal(t, 0, Math.sqrt(2) / Math.sqrt(fanIn(t)), rng);
  }

  /** LeCun normal: std {@code 1 / sqrt(fanIn)}. */
  public static Tensor lecunNormal(Tensor t, Rng rng) {
    return normal(t, 0, 1 / Math.sqrt(fanIn(t)), rng);
  }

  /** {@code in * prod(k)} for a weight of shape {@code (out, in, k...)}. */
  public static int fanIn(Tensor t) {
    checkFans(t);
    return t.size() / t.shape().dim(0);
  }

  /** {@code out * prod(k)} for a weight of shape {@code (out, in, k...)}. */
  public static int fanOut(Tensor t) {
    checkFans(t);
    return t.size() / t.shape().dim(1);
  }

  private static void checkFans(Tensor t) {
    checkArgument(t.rank() >= 2, "Init: fan-in and fan-out need a tensor of rank >= 2, got shape %s", t.shape());
    checkArgument(t.size() > 0, "Init: fan-in and fan-out of an empty tensor of shape %s", t.shape());
  }

  private static Tensor overwrite(Tensor t, Tensor values) {
    checkNotNull(t, "Init: tensor must not be null");
    try (var off = GradMode.off()) {
      return t.copyFrom(values);
    }
  }
}
