package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.MatMul;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;

/**
 * A fully connected layer {@code y = x W^T + b}, with {@code x} of shape {@code (..., in)}, the weight {@code W}
 * of shape {@code (out, in)} and the bias {@code b} of shape {@code (out,)}.
 *
 * <p>The weight is laid out as PyTorch's, so state dictionaries carry over and the init fans come out right. The
 * product reads {@code W} transposed inside the GEMM kernel ({@code MatMul} with its transposed-operand flag),
 * so neither forward nor backward copies a transpose; {@code x.matmul(W.t())} would materialise one per step.
 *
 * <p>Initialisation, PyTorch's default: {@code W} and {@code b} uniform in {@code [-1/sqrt(in), 1/sqrt(in))}.
 */
public final class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final boolean hasBias;

  /** A layer with a bias. */
  public Linear(int inFeatures, int outFeatures, Rng rng) {
    this(inFeatures, outFeatures, true, rng);
  }

  public Linear(int inFeatures, int outFeatures, boolean bias, Rng rng) {
    checkArgument(inFeatures > 0 && outFeatures > 0, "Linear: features must be positive, got in %s, out %s",
        inFeatures, outFeatures);
    checkNotNull(rng, "Linear: rng must not be null");
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.hasBias = bias;
    double bound = 1 / Math.sqrt(inFeatures);
    registerParameter("weight", Init.uniform(Tensor.zeros(outFeatures, inFeatures), -bound, bound, rng));
    if (bias) {
      registerParameter("bias", Init.uniform(Tensor.zeros(outFeatures), -bound, bound, rng));
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.rank() == 0 || x.shape().dim(-1) != inFeatures) {
      throw new IllegalArgumentException(String.format("Linear: input of shape %s must have %d features in its last"
          + " axis, found %s%s", x.shape(), inFeatures, x.rank() == 0 ? "a scalar" : x.shape().dim(-1),
          flattenHint(x)));
    }
    Tensor rows = x.rank() == 1 ? x.reshape(1, inFeatures) : x;
    Tensor y = new MatMul(false, true).apply(rows, weight());
    if (hasBias) {
      y = y.add(bias());
    }
    return x.rank() == 1 ? y.reshape(outFeatures) : y;
  }

  /**
   * For an input of rank 3 or more, such as a batch of images {@code (N, C, H, W)}, what a {@code Flatten} in
   * front would give, and whether that fits; empty otherwise.
   */
  private String flattenHint(Tensor x) {
    if (x.rank() < 3) {
      return "";
    }
    int n = x.shape().dim(0);
    int rest = x.size() / Math.max(n, 1);
    return rest == inFeatures ? String.format("; a Flatten before this layer gives (%d, %d)", n, rest)
        : String.format("; a Flatten before this layer would give (%d, %d), still not %d features", n, rest,
            inFeatures);
  }

  /** The weight, shape {@code (out, in)}. */
  public Tensor weight() {
    return parameter("weight");
  }

  /** The bias, shape {@code (out,)}; throws when built without one. */
  public Tensor bias() {
    return parameter("bias");
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }

  @Override
  protected String extraRepr() {
    return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + hasBias;
  }
}
