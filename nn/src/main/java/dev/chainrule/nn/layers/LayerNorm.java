package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/**
 * Layer normalisation over the last {@code k} dimensions, as {@code torch.nn.LayerNorm(normalized_shape)}: for
 * an input {@code (*, D_1, ..., D_k)}, each of the {@code n = D_1 * ... * D_k} values of one leading index is
 * normalised with the mean and <em>biased</em> variance of those {@code n} values,
 * {@code mu = (1/n) sum x}, {@code var = (1/n) sum (x - mu)^2},
 * {@code y = (x - mu) / sqrt(var + eps) * gamma + beta}, with {@code gamma} (weight, ones) and {@code beta}
 * (bias, zeros) of shape {@code (D_1, ..., D_k)}, one value per normalised position. Without
 * {@code elementwiseAffine} there are no parameters; without {@code bias} (PyTorch 2.1's {@code bias=False})
 * only the weight. Unlike batch norm the statistics belong to each sample, so training and evaluation compute the
 * same thing and there are no buffers.
 *
 * <p>Backward is the graph of these ops, the gradient flowing through {@code mu} and {@code var} as in PyTorch:
 * with {@code xhat = (x - mu) / sqrt(var + eps)} and {@code g = dL/dy * gamma},
 * {@code dL/dx = (g - mean(g) - xhat * mean(g * xhat)) / sqrt(var + eps)} (means over the normalised values),
 * {@code dL/dgamma = sum over leading indices of dL/dy * xhat}, {@code dL/dbeta = sum of dL/dy}.
 * A NaN among the {@code n} values makes their whole row NaN.
 */
public final class LayerNorm extends Module {
  /** PyTorch's default. */
  static final double DEFAULT_EPS = 1e-5;

  private final NormalizedShape normalizedShape;
  private final double eps;
  private final boolean elementwiseAffine;
  private final boolean bias;

  /** Normalises over the trailing {@code normalizedShape}, eps {@code 1e-5}, with a trained weight and bias. */
  public LayerNorm(int... normalizedShape) {
    this(normalizedShape, DEFAULT_EPS, true, true);
  }

  /**
   * @param eps added to the variance before the square root, {@code > 0}
   * @param elementwiseAffine whether the weight {@code gamma} and bias {@code beta} exist and are trained
   */
  public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
    this(normalizedShape, eps, elementwiseAffine, true);
  }

  /**
   * @param eps added to the variance before the square root, {@code > 0}
   * @param elementwiseAffine whether the weight {@code gamma} exists and is trained
   * @param bias whether the bias {@code beta} exists too (only with {@code elementwiseAffine})
   */
  public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, boolean bias) {
    this.normalizedShape = new NormalizedShape("LayerNorm", normalizedShape);
    checkArgument(eps > 0 && Double.isFinite(eps), "LayerNorm: eps must be positive and finite, got %s", eps);
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
    this.bias = elementwiseAffine && bias;
    if (elementwiseAffine) {
      registerParameter("weight", Tensor.ones(normalizedShape));
    }
    if (this.bias) {
      registerParameter("bias", Tensor.zeros(normalizedShape));
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] axes = normalizedShape.axesOf(x);
    Tensor centred = x.sub(x.mean(axes, true));
    Tensor y = centred.div(centred.square().mean(axes, true).add(eps).sqrt());
    if (elementwiseAffine) {
      y = y.mul(parameter("weight"));
    }
    return bias ? y.add(parameter("bias")) : y;
  }

  /** The trailing dimensions normalised over. */
  public int[] normalizedShape() {
    return normalizedShape.dims();
  }

  /** Added to the variance before the square root. */
  public double eps() {
    return eps;
  }

  /** Whether there is a trained weight {@code gamma}. */
  public boolean elementwiseAffine() {
    return elementwiseAffine;
  }

  /** Whether there is a bias: {@code elementwiseAffine} and not built with {@code bias = false}. */
  public boolean hasBias() {
    return bias;
  }

  @Override
  protected String extraRepr() {
    return normalizedShape + ", eps=" + eps + (elementwiseAffine ? (bias ? "" : ", bias=false")
        : ", elementwise_affine=false");
  }
}
