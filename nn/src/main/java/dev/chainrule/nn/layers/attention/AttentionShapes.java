package dev.chainrule.nn.layers.attention;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * The sizes of one {@link MultiheadAttention} call, {@code N} (1 when unbatched), {@code L} and {@code S}, read
 * from its inputs after checking every shape against the layer; each refusal names the layer, the offending
 * shape and the shape expected.
 */
record AttentionShapes(boolean batched, int n, int l, int s) {

  static AttentionShapes check(MultiheadAttention layer, Tensor query, Tensor key, Tensor value,
      AttentionOptions o) {
    checkNotNull(query, "MultiheadAttention: query must not be null");
    checkNotNull(key, "MultiheadAttention: key must not be null");
    checkNotNull(value, "MultiheadAttention: value must not be null");
    boolean first = layer.batchFirst();
    checkArgument(query.rank() == 2 || query.rank() == 3, "MultiheadAttention: query of shape %s must be %s, or"
        + " (L, E) unbatched", query.shape(), pattern(first, "L", "E"));
    checkArgument(key.rank() == query.rank() && value.rank() == query.rank(), "MultiheadAttention: query %s, key %s"
        + " and value %s must be all batched (rank 3) or all unbatched (rank 2)", query.shape(), key.shape(),
        value.shape());
    boolean batched = query.rank() == 3;
    checkFeatures("query", query, layer.embedDim(), "L", "E", first, batched);
    checkFeatures("key", key, layer.kdim(), "S", "kdim", first, batched);
    checkFeatures("value", value, layer.vdim(), "S", "vdim", first, batched);
    int lengthAxis = batched && first ? 1 : 0;
    int l = query.shape().dim(lengthAxis);
    int s = key.shape().dim(lengthAxis);
    checkArgument(value.shape().dim(lengthAxis) == s && s > 0, "MultiheadAttention: key of shape %s and value of"
        + " shape %s must have the same positive number of positions S, %s and %s", key.shape(), value.shape(),
        pattern(first, "S", "kdim"), pattern(first, "S", "vdim"));
    int n = 1;
    if (batched) {
      int batchAxis = first ? 0 : 1;
      n = query.shape().dim(batchAxis);
      checkArgument(key.shape().dim(batchAxis) == n && value.shape().dim(batchAxis) == n, "MultiheadAttention:"
          + " query %s, key %s and value %s must have the same batch size N in axis %s", query.shape(), key.shape(),
          value.shape(), batchAxis);
    }
    Tensor padding = o.keyPaddingMask();
    checkBool("keyPaddingMask", padding, "a key is padding");
    checkBool("attnMask", o.attnMask(), "query i may not attend to key j");
    Shape expected = batched ? Shape.of(n, s) : Shape.of(s);
    checkArgument(padding == null || padding.shape().equals(expected), "MultiheadAttention: keyPaddingMask of shape"
        + " %s must be %s = %s for key of shape %s", padding == null ? null : padding.shape(),
        batched ? "(N, S)" : "(S)", expected, key.shape());
    checkPairs("attnMask", o.attnMask(), n * layer.numHeads(), l, s, query, key);
    checkPairs("attnBias", o.attnBias(), n * layer.numHeads(), l, s, query, key);
    return new AttentionShapes(batched, n, l, s);
  }

  private static void checkFeatures(String what, Tensor t, int features, String length, String name,
      boolean first, boolean batched) {
    checkArgument(t.shape().dim(-1) == features, "MultiheadAttention: %s of shape %s must have %s = %s features in"
        + " its last axis, %s", what, t.shape(), name, features, batched ? pattern(first, length, name)
        : "(" + length + ", " + name + ")");
  }

  private static void checkPairs(String what, Tensor m, int heads, int l, int s, Tensor query, Tensor key) {
    checkArgument(m == null || m.shape().equals(Shape.of(l, s)) || m.shape().equals(Shape.of(heads, l, s)),
        "MultiheadAttention: %s of shape %s must be (L, S) = %s or (N * numHeads, L, S) = %s for query %s and key"
            + " %s", what, m == null ? null : m.shape(), Shape.of(l, s), Shape.of(heads, l, s), query.shape(),
        key.shape());
  }

  private static void checkBool(String what, Tensor mask, String meaning) {
    checkArgument(mask == null || mask.dtype() == DType.BOOL, "MultiheadAttention: %s of shape %s is %s; it must be"
        + " bool, true where %s (convert with to(DType.BOOL) or a comparison; an additive float mask goes in"
        + " attnBias)", what, mask == null ? null : mask.shape(), mask == null ? null : mask.dtype(), meaning);
  }

  private static String pattern(boolean batchFirst, String length, String features) {
    return batchFirst ? "(N, " + length + ", " + features + ")" : "(" + length + ", N, " + features + ")";
  }
}
