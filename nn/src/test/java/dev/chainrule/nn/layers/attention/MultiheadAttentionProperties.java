package dev.chainrule.nn.layers.attention;

import static dev.chainrule.nn.Tensors.float64Leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.LayerNorm;
import dev.chainrule.nn.layers.Sequential;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** MultiheadAttention and TransformerEncoderLayer: gradients, per-head equivalence, masks, layout, refusals. */
class MultiheadAttentionProperties {

  @Property(tries = 15)
  void selfAttentionGradientChecksForInputAndEveryParameter(@ForAll @IntRange(min = 1, max = 2) int headDim,
      @ForAll @IntRange(min = 1, max = 2) int heads, @ForAll @IntRange(min = 1, max = 3) int l,
      @ForAll @IntRange(min = 1, max = 2) int n, @ForAll boolean batchFirst, @ForAll long seed) {
    int e = headDim * heads;
    MultiheadAttention mha = new MultiheadAttention(e, heads, 0, true, batchFirst, new Rng(seed));
    Shape shape = batchFirst ? Shape.of(n, l, e) : Shape.of(l, n, e);
    GradCheck.check(t -> mha.forwardWith(Map.of("in_proj_weight", t[1], "in_proj_bias", t[2], "out_proj.weight",
        t[3], "out_proj.bias", t[4]), t[0]), float64Leaf(Generators.uniform(shape, seed, -1, 1)),
        float64Leaf(mha.namedParameters().get("in_proj_weight")),
        float64Leaf(Generators.uniform(Shape.of(3 * e), seed + 1, -0.5, 0.5)),
        float64Leaf(mha.namedParameters().get("out_proj.weight")),
        float64Leaf(Generators.uniform(Shape.of(e), seed + 2, -0.5, 0.5)));
  }

  @Property(tries = 15)
  void crossAttentionWithMasksGradientChecksForQueryKeyAndValue(@ForAll @IntRange(min = 1, max = 3) int l,
      @ForAll @IntRange(min = 1, max = 3) int s, @ForAll @IntRange(min = 1, max = 2) int n,
      @ForAll boolean packed, @ForAll long seed) {
    int kdim = packed ? 4 : 3;
    int vdim = packed ? 4 : 2;
    MultiheadAttention mha = new MultiheadAttention(4, 2, 0, true, false, kdim, vdim, new Rng(seed));
    Tensor padding = Generators.uniform(Shape.of(n, s), seed + 5, 0, 1).gt(0.6);
    Tensor attnMask = Generators.uniform(Shape.of(l, s), seed + 6, 0, 1).gt(0.6);
    AttentionOptions o = AttentionOptions.defaults().withKeyPaddingMask(padding).withAttnMask(attnMask);
    GradCheck.check(t -> mha.call(t[0], t[1], t[2], o).output(),
        float64Leaf(Generators.uniform(Shape.of(l, n, 4), seed, -1, 1)),
        float64Leaf(Generators.uniform(Shape.of(s, n, kdim), seed + 1, -1, 1)),
        float64Leaf(Generators.uniform(Shape.of(s, n, vdim), seed + 2, -1, 1)));
  }

  /** Each head is scaled dot-product attention on its slice of the projections; outputs concatenate into out_proj. */
  @Property(tries = 20)
  void isOneScaledDotProductAttentionPerHead(@ForAll @IntRange(min = 1, max = 3) int heads,
      @ForAll @IntRange(min = 1, max = 4) int l, @ForAll @IntRange(min = 1, max = 4) int s, @ForAll boolean causal,
      @ForAll long seed) {
    int d = 2;
    int e = heads * d;
    MultiheadAttention mha = new MultiheadAttention(e, heads, new Rng(seed));
    var params = mha.namedParameters();
    Tensor w = params.get("in_proj_weight");
    Tensor query = Generators.uniform(Shape.of(l, e), seed, -1, 1);
    Tensor key = Generators.uniform(Shape.of(s, e), seed + 1, -1, 1);
    Tensor q = query.matmul(w.narrow(0, 0, e).t());
    Tensor k = key.matmul(w.narrow(0, e, e).t());
    Tensor v = key.matmul(w.narrow(0, 2 * e, e).t());
    Tensor[] outs = new Tensor[heads];
    Tensor weightSum = null;
    for (int h = 0; h < heads; h++) {
      outs[h] = Attention.scaledDotProductAttention(q.narrow(1, h * d, d), k.narrow(1, h * d, d),
          v.narrow(1, h * d, d), null, causal);
      Tensor wh = Attention.weights(q.narrow(1, h * d, d), k.narrow(1, h * d, d), null, null, causal);
      weightSum = weightSum == null ? wh : weightSum.add(wh);
    }
    Tensor expected = Tensor.concat(1, outs).matmul(params.get("out_proj.weight").t());
    var out = mha.call(query, key, key, AttentionOptions.defaults().withCausal(causal));
    assertArrayEquals(expected.toDoubleArray(), out.output().toDoubleArray(), 1e-5);
    assertArrayEquals(weightSum.div(heads).toDoubleArray(), out.weights().toDoubleArray(), 1e-5);
  }

  @Property(tries = 10)
  void batchFirstIsTheTransposeAndPaddingEqualsTheSameAttnMask(@ForAll @IntRange(min = 1, max = 4) int l,
      @ForAll @IntRange(min = 1, max = 3) int n, @ForAll long seed) {
    MultiheadAttention seqFirst = new MultiheadAttention(4, 2, 0, true, false, new Rng(seed));
    MultiheadAttention batchFirst = new MultiheadAttention(4, 2, 0, true, true, new Rng(seed));
    Tensor x = Generators.uniform(Shape.of(l, n, 4), seed, -1, 1);
    assertArrayEquals(seqFirst.call(x).transpose(0, 1).toDoubleArray(),
        batchFirst.call(x.transpose(0, 1)).toDoubleArray(), 1e-6);
    Tensor padding = Generators.uniform(Shape.of(1, l), seed + 1, 0, 1).gt(0.5);
    Tensor x1 = x.narrow(1, 0, 1);
    Tensor viaPadding = seqFirst.call(x1, x1, x1, padding, null).output();
    Tensor viaMask = seqFirst.call(x1, x1, x1, null, padding.expand(l, l)).output();
    assertArrayEquals(viaMask.toDoubleArray(), viaPadding.toDoubleArray(), 1e-7);
  }

  @Test
  void aFullyPaddedSampleGetsTheOutputBiasAndNoNaN() {
    MultiheadAttention mha = new MultiheadAttention(4, 2, new Rng(1));
    mha.loadStateDict(Map.of("in_proj_weight", mha.namedParameters().get("in_proj_weight"), "in_proj_bias",
        Tensor.zeros(12), "out_proj.weight", mha.outProj().weight(), "out_proj.bias", Tensor.of(1f, 2f, 3f, 4f)));
    Tensor x = Generators.uniform(Shape.of(3, 2, 4), 7, -1, 1).requiresGrad();
    Tensor padding = Tensor.of(new boolean[] {true, true, true, false, false, true}, 2, 3); // sample 0 is all padding
    var out = mha.call(x, x, x, padding, null);
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 4; c++) {
        assertEquals(c + 1, out.output().get((i * 2) * 4 + c), 1e-6, "sample 0, position " + i);
      }
    }
    out.output().sum().backward();
    for (double g : x.grad().toDoubleArray()) {
      assertTrue(Double.isFinite(g), "gradient " + x.grad());
    }
  }

  @Test
  void dropoutActsInTrainingOnlyAndTheReturnedWeightsAreTheAppliedOnes() {
    MultiheadAttention mha = new MultiheadAttention(4, 2, 0.5, true, true, new Rng(2));
    Tensor x = Generators.uniform(Shape.of(2, 6, 4), 3, -1, 1);
    var trained = mha.call(x, x, x);
    long zeros = 0;
    for (double w : trained.weights().toDoubleArray()) {
      zeros += w == 0 ? 1 : 0;
    }
    assertTrue(zeros > 0, "some weights dropped in both heads: " + trained.weights());
    try (var eval = Module.evaluating()) {
      var a = mha.call(x, x, x);
      assertArrayEquals(a.output().toDoubleArray(), mha.call(x, x, x).output().toDoubleArray());
      assertNotEquals(a.output().get(0), trained.output().get(0));
    }
  }

  @Test
  void stateDictHasPyTorchsNamesShapesAndInit() {
    MultiheadAttention mha = new MultiheadAttention(6, 3, new Rng(1));
    var state = mha.stateDict();
    assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
        List.copyOf(state.keySet()));
    assertArrayEquals(new int[] {18, 6}, state.get("in_proj_weight").shape().dims());
    assertEquals(0, state.get("in_proj_bias").abs().sum().item());
    assertEquals(0, state.get("out_proj.bias").abs().sum().item());
    double bound = Math.sqrt(6.0 / (6 + 18));
    assertTrue(state.get("in_proj_weight").abs().max().item() <= bound, "Xavier bound");
    assertEquals(List.of("q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight"),
        List.copyOf(new MultiheadAttention(6, 3, 0, false, false, 4, 5, new Rng(1)).stateDict().keySet()));
    TransformerEncoderLayer enc = new TransformerEncoderLayer(4, 2, new Rng(1));
    assertTrue(enc.namedChildren().get("norm1") instanceof LayerNorm && enc.namedChildren().get("norm2")
        instanceof LayerNorm, "PyTorch's default norms: " + enc.namedChildren());
    assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
        "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight",
        "norm1.bias", "norm2.weight", "norm2.bias"), List.copyOf(enc.stateDict().keySet()));
    assertEquals(List.of("self_attn", "linear1", "dropout", "linear2", "norm1", "norm2", "dropout1", "dropout2"),
        List.copyOf(enc.namedChildren().keySet()));
  }

  @Test
  void fitsASequentialAsSelfAttention() {
    MultiheadAttention mha = new MultiheadAttention(4, 2, new Rng(1));
    Tensor x = Generators.uniform(Shape.of(3, 2, 4), 1, -1, 1);
    Tensor y = new Sequential(mha).call(x);
    assertArrayEquals(mha.call(x, x, x).output().toDoubleArray(), y.toDoubleArray());
  }

  @Property(tries = 8)
  void encoderLayerGradientChecks(@ForAll @IntRange(min = 1, max = 3) int l, @ForAll boolean normFirst,
      @ForAll boolean batchFirst, @ForAll long seed) {
    TransformerEncoderLayer enc = new TransformerEncoderLayer(4, 2, 6, 0, Tensor::gelu, normFirst, batchFirst,
        LayerNorm::new, new Rng(seed));
    var p = enc.namedParameters();
    GradCheck.check(t -> enc.forwardWith(Map.of("self_attn.in_proj_weight", t[1], "linear1.weight", t[2],
        "norm2.weight", t[3]), t[0]), float64Leaf(Generators.uniform(Shape.of(2, l, 4), seed, -1, 1)),
        float64Leaf(p.get("self_attn.in_proj_weight")), float64Leaf(p.get("linear1.weight")),
        float64Leaf(Generators.uniform(Shape.of(4), seed + 1, 0.5, 1.5)));
  }

  @Test
  void refusalsNameTheLayerTheShapesAndWhatWasExpected() {
    var e = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(10, 3, new Rng(1)));
    assertTrue(e.getMessage().contains("MultiheadAttention") && e.getMessage().contains("embedDim 10")
        && e.getMessage().contains("divisible by numHeads 3"), e.getMessage());
    MultiheadAttention mha = new MultiheadAttention(4, 2, new Rng(1));
    e = assertThrows(IllegalArgumentException.class, () -> mha.call(Tensor.ones(3, 2, 5)));
    assertTrue(e.getMessage().contains("MultiheadAttention") && e.getMessage().contains("(3, 2, 5)")
        && e.getMessage().contains("E = 4 features") && e.getMessage().contains("(L, N, E)"), e.getMessage());
    Tensor x = Tensor.ones(3, 2, 4);
    e = assertThrows(IllegalArgumentException.class, () -> mha.call(x, x, x, Tensor.of(new boolean[8], 2, 4), null));
    assertTrue(e.getMessage().contains("keyPaddingMask of shape (2, 4)") && e.getMessage().contains("(N, S) = (2, 3)"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> mha.call(x, x, x, null, Tensor.of(new boolean[12], 3, 4)));
    assertTrue(e.getMessage().contains("attnMask of shape (3, 4)") && e.getMessage().contains("(4, 3, 3)"),
        e.getMessage());
    // masks are BOOL: a 0/1 float mask is refused, not silently read with either convention
    e = assertThrows(IllegalArgumentException.class, () -> mha.call(x, x, x, Tensor.zeros(2, 3), null));
    assertTrue(e.getMessage().contains("MultiheadAttention: keyPaddingMask of shape (2, 3) is float32")
        && e.getMessage().contains("must be bool, true where a key is padding"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> mha.call(x, x, x, null, Tensor.zeros(DType.INT64, 3, 3)));
    assertTrue(e.getMessage().contains("attnMask of shape (3, 3) is int64") && e.getMessage().contains("attnBias"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> mha.call(x, Tensor.ones(3, 1, 4), Tensor.ones(3, 1, 4)));
    assertTrue(e.getMessage().contains("same batch size N"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TransformerEncoderLayer(4, 2,
        new Rng(1)).call(Tensor.ones(3, 2, 5)));
    assertTrue(e.getMessage().contains("TransformerEncoderLayer") && e.getMessage().contains("(3, 2, 5)")
        && e.getMessage().contains("dModel = 4"), e.getMessage());
  }
}
