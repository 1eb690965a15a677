package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import java.util.OptionalDouble;

/**
 * Root-mean-square normalisation over the last {@code k} dimensions, as {@code torch.nn.RMSNorm} (PyTorch 2.4):
 * for an input {@code (*, D_1, ..., D_k)}, each of the {@code n = D_1 * ... * D_k} values of one leading index is
 * divided by their root mean square, without centring:
 * {@code y = x / sqrt((1/n) sum x^2 + eps) * gamma}, with the weight {@code gamma} (ones) of shape
 * {@code (D_1, ..., D_k)}; there is no bias. Without {@code elementwiseAffine}, {@code y = x / rms} and there are
 * no parameters.
 *
 * <p>eps: PyTorch's default {@code eps=None} means, at every forward, the machine epsilon of the input's dtype,
 * {@code torch.finfo(x.dtype).eps}: {@code 2^-23} for FLOAT32, {@code 2^-52} for FLOAT64. This layer does the
 * same when built without an eps ({@link #eps()} empty, printed {@code eps=None}); a given eps is used as is.
 *
 * <p>Backward is the graph of these ops: with {@code r = sqrt(mean(x^2) + eps)} and {@code g = dL/dy * gamma},
 * {@code dL/dx = g / r - x * mean(g * x) / r^3} (mean over the normalised values) and
 * {@code dL/dgamma = sum over leading indices of dL/dy * x / r}. A NaN among the {@code n} values makes their
 * whole row NaN.
 */
public final class RMSNorm extends Module {
  private final NormalizedShape normalizedShape;
  private final OptionalDouble eps;
  private final boolean elementwiseAffine;

  /**
   * Normalises over the trailing {@code normalizedShape} with PyTorch's default {@code eps=None} (the input
   * dtype's machine epsilon) and a trained weight.
   */
  public RMSNorm(int... normalizedShape) {
    this(normalizedShape, OptionalDouble.empty(), true);
  }

  /**
   * @param eps added to the mean square before the square root, {@code > 0}
   * @param elementwiseAffine whether the weight {@code gamma} exists and is trained
   */
  public RMSNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
    this(normalizedShape, OptionalDouble.of(eps), elementwiseAffine);
  }

  /**
   * @param eps added to the mean square before the square root, {@code > 0}; empty for PyTorch's
   *     {@code eps=None}, the machine epsilon of each input's dtype
   * @param elementwiseAffine whether the weight {@code gamma} exists and is trained
   */
  public RMSNorm(int[] normalizedShape, OptionalDouble eps, boolean elementwiseAffine) {
    this.normalizedShape = new NormalizedShape("RMSNorm", normalizedShape);
    checkNotNull(eps, "RMSNorm: eps must not be null; empty stands for eps=None");
    if (eps.isPresent()) {
      double e = eps.getAsDouble();
      checkArgument(e > 0 && Double.isFinite(e), "RMSNorm: eps must be positive and finite, got %s", e);
    }
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
    if (elementwiseAffine) {
      registerParameter("weight", Tensor.ones(normalizedShape));
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] axes = normalizedShape.axesOf(x);
    double e = eps.isPresent() ? eps.getAsDouble() : machineEpsilon(x.dtype());
    Tensor y = x.div(x.square().mean(axes, true).add(e).sqrt());
    return elementwiseAffine ? y.mul(parameter("weight")) : y;
  }

  /** {@code torch.finfo(dtype).eps}: the gap between 1 and the next larger value of {@code dtype}. */
  static double machineEpsilon(DType dtype) {
    switch (dtype) {
      case FLOAT32:
        return Math.ulp(1.0f);
      case FLOAT64:
        return Math.ulp(1.0);
      default:
        throw new IllegalArgumentException("RMSNorm: input of dtype " + dtype + " must be floating point");
    }
  }

  /** The trailing dimensions normalised over. */
  public int[] normalizedShape() {
    return normalizedShape.dims();
  }

  /** Added to the mean square before the square root; empty for the input dtype's machine epsilon. */
  public OptionalDouble eps() {
    return eps;
  }

  /** Whether there is a trained weight {@code gamma}. */
  public boolean elementwiseAffine() {
    return elementwiseAffine;
  }

  @Override
  protected String extraRepr() {
    return normalizedShape + ", eps=" + (eps.isPresent() ? String.valueOf(eps.getAsDouble()) : "None")
        + (elementwiseAffine ? "" : ", elementwise_affine=false");
  }
}
