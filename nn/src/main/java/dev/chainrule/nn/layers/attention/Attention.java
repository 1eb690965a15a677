package dev.chainrule.nn.layers.attention;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.MatMul;
import java.util.Arrays;

/**
 * Scaled dot-product attention as a composition of autodiff ops, with the semantics of PyTorch 2's
 * {@code torch.nn.functional.scaled_dot_product_attention} except for fully masked rows (below).
 *
 * <p>For a query {@code q} of shape {@code (..., L, E)}, a key {@code k} of shape {@code (..., S, E)} and a value
 * {@code v} of shape {@code (..., S, Ev)} (the leading batch dimensions broadcast):
 *
 * <pre>
 *   scores = q k^T / sqrt(E) + bias                        (..., L, S)
 *   w      = softmax over S of scores, restricted to the allowed entries
 *   y      = w v                                           (..., L, Ev)
 * </pre>
 *
 * An entry {@code (i, j)} is <em>allowed</em> (query {@code i} may attend to key {@code j}) when the mask is
 * true there (PyTorch's boolean {@code attn_mask}, true = may attend), when {@code j <= i} if causal
 * (PyTorch's {@code is_causal}, aligned at the top left), and when the additive bias (PyTorch's float
 * {@code attn_mask}) is not {@code -inf} there. The mask is a {@link DType#BOOL} tensor (e.g. a comparison's
 * result, or {@code to(DType.BOOL)}); any other type is refused, so a float mask is never taken for a bias or
 * the other way round. Mask and bias broadcast to {@code (..., L, S)}.
 *
 * <p>Restricted softmax: {@code w_ij = exp(s_ij) / sum_{allowed j'} exp(s_ij')} for allowed {@code (i, j)}, and
 * {@code w_ij = 0} exactly otherwise. It is computed as {@code where(allowed, softmax(z), 0)} with
 * {@code z = where(allowed, s - m, -10^4)}, where {@code m} is the (constant) largest allowed score of the row:
 * the fused log-softmax keeps it stable, the shift makes {@code exp(-10^4)} exactly 0 in both float types
 * whatever the scale of the scores, and no intermediate is infinite or NaN. A <b>fully masked row</b> (a query
 * allowed to attend to nothing) gives {@code w = 0}, so its output is 0 and no gradient flows from it to
 * {@code q}, {@code k}, {@code v} or the bias; PyTorch gives NaN there instead.
 *
 * <p>Gradient (by composition; {@code P = w} on allowed entries): {@code dL/dw = g v^T}, {@code dL/dv = w^T g},
 * {@code dL/ds_ij = w_ij (dL/dw_ij - sum_j' w_ij' dL/dw_ij')} on allowed entries and 0 elsewhere,
 * {@code dL/dq = dL/ds k / sqrt(E)}, {@code dL/dk = dL/ds^T q / sqrt(E)}, {@code dL/dbias = dL/ds}.
 *
 * <p>NaN propagates as through the ops it is made of: a NaN in query row {@code i}, in key row {@code j} or in the
 * bias at {@code (i, j)} makes output row {@code i} NaN when {@code (i, j)} is allowed (a masked entry is not
 * read); a NaN in value row {@code j} reaches every output row, masked or not, since {@code 0 * NaN} is NaN in
 * the product {@code w v}, as in PyTorch.
 */
public final class Attention {
  /** How far below a row's largest allowed score the masked entries are put: {@code exp(-10^4) == 0}. */
  private static final double MASKED_SCORE = -1e4;

  private Attention() {}

  /**
   * {@code softmax(q k^T / sqrt(E)) v} over the allowed entries (see the class comment).
   *
   * @param mask BOOL, true where query {@code i} may attend to key {@code j}, broadcast to {@code (..., L, S)};
   *     {@code null} for no mask
   * @param causal whether query {@code i} may attend only to keys {@code j <= i}
   */
  public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
    return scaledDotProductAttention(q, k, v, mask, null, causal);
  }

  /**
   * {@code softmax(q k^T / sqrt(E) + bias) v} over the allowed entries (see the class comment); {@code bias} is
   * PyTorch's float {@code attn_mask}, and its {@code -inf} entries are masked.
   *
   * @param mask BOOL, true where query {@code i} may attend to key {@code j}; {@code null} for no mask
   * @param bias added to the scores, broadcast to {@code (..., L, S)}; {@code null} for none
   */
  public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, Tensor bias,
      boolean causal) {
    checkNotNull(v, "scaledDotProductAttention: value must not be null");
    checkArgument(v.rank() >= 2, "scaledDotProductAttention: value of shape %s must have rank >= 2, (..., S, Ev)",
        v.shape());
    checkArgument(k != null && k.rank() >= 2 && v.shape().dim(-2) == k.shape().dim(-2),
        "scaledDotProductAttention: key of shape %s and value of shape %s must have the same number of positions S"
            + " in their second-last axis, (..., S, E) and (..., S, Ev)", k == null ? null : k.shape(), v.shape());
    return weights(q, k, mask, bias, causal).matmul(v);
  }

  /**
   * The attention weights {@code w} of shape {@code (..., L, S)}: the softmax over {@code S} of
   * {@code q k^T / sqrt(E) + bias} restricted to the allowed entries, 0 elsewhere; each row sums to 1, or to 0
   * when fully masked. Gradient as in the class comment.
   *
   * @param mask BOOL, true where query {@code i} may attend to key {@code j}; {@code null} for no mask
   * @param bias added to the scores; {@code null} for none
   */
  public static Tensor weights(Tensor q, Tensor k, Tensor mask, Tensor bias, boolean causal) {
    Shape scoreShape = scoreShape(q, k);
    checkArgument(mask == null || mask.dtype() == DType.BOOL, "scaledDotProductAttention: mask of shape %s is %s;"
        + " it must be bool, true where query i may attend to key j (convert with to(DType.BOOL) or a comparison;"
        + " an additive float mask goes in bias)", mask == null ? null : mask.shape(),
        mask == null ? null : mask.dtype());
    checkBroadcast("mask", mask, scoreShape, q, k);
    checkBroadcast("bias", bias, scoreShape, q, k);
    int l = scoreShape.dim(-2);
    int s = scoreShape.dim(-1);
    Tensor scores = new MatMul(false, true).apply(q, k).mul(1 / Math.sqrt(q.shape().dim(-1)));
    if (bias != null) {
      scores = scores.add(bias);
    }
    DType type = scores.dtype();
    Tensor allowed = mask;
    if (causal) {
      allowed = and(causalMask(l, s), allowed);
    }
    if (bias != null) {
      allowed = and(bias.ne(Double.NEGATIVE_INFINITY), allowed);
    }
    if (allowed == null) {
      return scores.softmax(-1);
    }
    Tensor zero = Tensor.scalar(type, 0);
    double lowest = type == DType.FLOAT32 ? -Float.MAX_VALUE : -Double.MAX_VALUE;
    Tensor rowMax = Tensor.where(allowed, scores.detach(), Tensor.scalar(type, lowest)).max(new int[] {-1}, true);
    rowMax = Tensor.where(rowMax.gt(lowest), rowMax, zero); // a fully masked row: any finite shift will do
    Tensor z = Tensor.where(allowed, scores.sub(rowMax), Tensor.scalar(type, MASKED_SCORE));
    return Tensor.where(allowed, z.softmax(-1), zero);
  }

  /**
   * The causal mask of shape {@code (l, s)}, BOOL: true where {@code j <= i}, so query {@code i} attends to
   * keys {@code 0..i}, false above the diagonal; PyTorch's {@code torch.ones(l, s, dtype=torch.bool).tril()}.
   */
  public static Tensor causalMask(int l, int s) {
    checkArgument(l >= 0 && s >= 0, "causalMask: sizes must be >= 0, got (%s, %s)", l, s);
    Tensor rows = Tensor.arange(DType.INT64, l).reshape(l, 1);
    Tensor columns = Tensor.arange(DType.INT64, s).reshape(1, s);
    return columns.le(rows);
  }

  /** {@code mask and other}, or {@code mask} when {@code other} is {@code null}; BOOL. */
  private static Tensor and(Tensor mask, Tensor other) {
    return other == null ? mask : mask.logicalAnd(other);
  }

  /** {@code (batch..., L, S)} for {@code q} of shape {@code (..., L, E)} and {@code k} of shape {@code (..., S, E)}. */
  private static Shape scoreShape(Tensor q, Tensor k) {
    checkNotNull(q, "scaledDotProductAttention: query must not be null");
    checkNotNull(k, "scaledDotProductAttention: key must not be null");
    checkArgument(q.rank() >= 2 && k.rank() >= 2, "scaledDotProductAttention: query of shape %s and key of shape %s"
        + " must have rank >= 2, (..., L, E) and (..., S, E)", q.shape(), k.shape());
    int e = q.shape().dim(-1);
    checkArgument(e == k.shape().dim(-1) && e > 0, "scaledDotProductAttention: query of shape %s and key of shape"
        + " %s must have the same positive embedding size E in their last axis, (..., L, E) and (..., S, E)",
        q.shape(), k.shape());
    checkArgument(k.shape().dim(-2) > 0, "scaledDotProductAttention: key of shape %s has no positions (S = 0)",
        k.shape());
    Shape batch = Shape.broadcast("scaledDotProductAttention (batch dimensions of query and key)",
        leading(q.shape()), leading(k.shape()));
    int[] dims = Arrays.copyOf(batch.dims(), batch.rank() + 2);
    dims[batch.rank()] = q.shape().dim(-2);
    dims[batch.rank() + 1] = k.shape().dim(-2);
    return Shape.of(dims);
  }

  private static Shape leading(Shape shape) {
    return Shape.of(Arrays.copyOf(shape.dims(), shape.rank() - 2));
  }

  private static void checkBroadcast(String what, Tensor t, Shape scores, Tensor q, Tensor k) {
    checkArgument(t == null || t.shape().broadcastsTo(scores), "scaledDotProductAttention: %s of shape %s does"
        + " not broadcast to the scores' shape %s = (..., L, S) of query %s and key %s", what,
        t == null ? null : t.shape(), scores, q.shape(), k.shape());
  }
}
