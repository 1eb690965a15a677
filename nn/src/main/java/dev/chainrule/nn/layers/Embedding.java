package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import java.util.Arrays;

/**
 * A lookup table, PyTorch's {@code nn.Embedding}: for INT64 indices {@code x} of any shape {@code S}, the output of
 * shape {@code S + (dim)} holds the row {@code weight[x[s]]} at each position {@code s}, with the parameter
 * {@code weight} of shape {@code (num, dim)}.
 *
 * <p>Gradient: {@code dL/dweight[r] = sum over the positions s with x[s] = r of g[s]} (the scatter-add of
 * {@code indexSelect}'s backward), except for the padding row, if any, whose gradient is always zero: its lookups
 * read a detached copy of the weight, so the output still shows that row's current value, as in PyTorch.
 *
 * <p>Initialisation, PyTorch's default: {@code weight} standard normal, the padding row set to zero.
 */
public final class Embedding extends Module {
  private final int numEmbeddings;
  private final int embeddingDim;
  private final Integer paddingIdx;

  /**
   * A table of {@code num} rows of size {@code dim}, standard normal, with row {@code paddingIdx} (or none when
   * {@code null}) zero and never trained.
   *
   * @throws IllegalArgumentException when a size is not positive or {@code paddingIdx} is not in {@code [0, num)}
   */
  public Embedding(int num, int dim, Integer paddingIdx, Rng rng) {
    this(paddingIdx, standardNormal(num, dim, rng), true);
  }

  private Embedding(Integer paddingIdx, Tensor weight, boolean zeroPadding) {
    this.numEmbeddings = weight.shape().dim(0);
    this.embeddingDim = weight.shape().dim(1);
    checkArgument(paddingIdx == null || (paddingIdx >= 0 && paddingIdx < numEmbeddings),
        "Embedding: paddingIdx %s must be in [0, %s) for %s embeddings", paddingIdx, numEmbeddings, numEmbeddings);
    this.paddingIdx = paddingIdx;
    if (zeroPadding && paddingIdx != null) {
      double[] values = weight.toDoubleArray();
      Arrays.fill(values, paddingIdx * embeddingDim, (paddingIdx + 1) * embeddingDim, 0);
      weight = Tensor.of(values, numEmbeddings, embeddingDim).to(weight.dtype());
    }
    registerParameter("weight", weight);
  }

  private static Tensor standardNormal(int num, int dim, Rng rng) {
    checkArgument(num > 0 && dim > 0, "Embedding: num %s and dim %s must be positive", num, dim);
    checkNotNull(rng, "Embedding: rng must not be null");
    return Init.normal(Tensor.zeros(num, dim), 0, 1, rng);
  }

  /**
   * A table holding a copy of {@code weights} {@code (num, dim)} (a floating matrix); when {@code freeze} it is
   * never trained ({@code requiresGrad} false), like PyTorch's {@code Embedding.from_pretrained}. The padding row,
   * if any, keeps its given values but gets no gradient.
   *
   * @throws IllegalArgumentException when {@code weights} is not a non-empty floating matrix or {@code paddingIdx}
   *     is out of range
   */
  public static Embedding fromPretrained(Tensor weights, boolean freeze, Integer paddingIdx) {
    checkNotNull(weights, "Embedding.fromPretrained: weights must not be null");
    checkArgument(weights.rank() == 2 && weights.size() > 0 && weights.dtype().isFloatingPoint(),
        "Embedding.fromPretrained: weights of shape %s and dtype %s must be a non-empty floating matrix (num, dim)",
        weights.shape(), weights.dtype());
    Tensor copy = Tensor.of(weights.toDoubleArray(), weights.shape().dims()).to(weights.dtype());
    Embedding e = new Embedding(paddingIdx, copy, false);
    if (freeze) {
      e.weight().requiresGrad(false);
    }
    return e;
  }

  /**
   * The rows of {@code indices}, an INT64 tensor of any shape {@code S}: shape {@code S + (dim)}.
   *
   * @throws IllegalArgumentException naming the layer when {@code indices} is not INT64 or an index is not in
   *     {@code [0, num)}
   */
  @Override
  public Tensor forward(Tensor indices) {
    checkArgument(indices.dtype() == DType.INT64, "Embedding: indices of shape %s are %s; they must be int64"
        + " (e.g. Tensor.of(long[], shape) or to(DType.INT64))", indices.shape(), indices.dtype());
    long[] values = indices.toLongArray();
    boolean padded = false;
    for (int i = 0; i < values.length; i++) {
      long v = values[i];
      checkArgument(v >= 0 && v < numEmbeddings, "Embedding: index %s at flat position %s of indices of shape %s"
          + " is out of range for %s embeddings (expected [0, %s))", v, i, indices.shape(), numEmbeddings,
          numEmbeddings);
      padded |= paddingIdx != null && v == paddingIdx;
    }
    Tensor flat = Tensor.of(values, values.length);
    Tensor w = weight();
    Tensor rows = w.indexSelect(0, flat);
    if (padded) {
      Tensor isPadding = flat.eq(paddingIdx).reshape(values.length, 1);
      rows = Tensor.where(isPadding, w.detach().indexSelect(0, flat), rows);
    }
    int[] shape = Arrays.copyOf(indices.shape().dims(), indices.rank() + 1);
    shape[indices.rank()] = embeddingDim;
    return rows.reshape(shape);
  }

  /** The table, shape {@code (num, dim)}. */
  public Tensor weight() {
    return parameter("weight");
  }

  public int numEmbeddings() {
    return numEmbeddings;
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  /** The row that is never trained, or {@code null}. */
  public Integer paddingIdx() {
    return paddingIdx;
  }

  @Override
  protected String extraRepr() {
    return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
  }
}
