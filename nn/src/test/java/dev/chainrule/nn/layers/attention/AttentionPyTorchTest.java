package dev.chainrule.nn.layers.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.nn.layers.LayerNorm;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attention against PyTorch 1.13 (float64): examples/python/attention_reference.py wrote the seeded inputs, masks
 * (0/1), state dicts and outputs into attention_reference.safetensors; each layer loads the state dict with
 * {@code loadStateDict} and must reproduce the outputs. The layers' parameters are FLOAT32, hence the tolerance.
 */
class AttentionPyTorchTest {
  private static final double TOLERANCE = 2e-5;
  private static Map<String, Tensor> ref;

  @BeforeAll
  static void load() throws Exception {
    ref = SafeTensors.load(Path.of(AttentionPyTorchTest.class.getResource("attention_reference.safetensors").toURI()));
  }

  private static Map<String, Tensor> state(String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    ref.forEach((name, t) -> {
      if (name.startsWith(prefix + ".state.")) {
        out.put(name.substring(prefix.length() + 7), t);
      }
    });
    return out;
  }

  /** A mask the script stored as 0/1 float64, as the BOOL tensor the layers take. */
  private static Tensor boolMask(String name) {
    return ref.get(name).ne(0);
  }

  private static void assertClose(String expected, Tensor actual) {
    Tensor e = ref.get(expected);
    assertArrayEquals(e.shape().dims(), actual.shape().dims(), expected + " shape");
    assertArrayEquals(e.toDoubleArray(), actual.toDoubleArray(), TOLERANCE, expected);
  }

  @Test
  void scaledDotProductAttentionMatchesTorch2sReference() {
    Tensor q = ref.get("sdpa.q");
    Tensor k = ref.get("sdpa.k");
    Tensor v = ref.get("sdpa.v");
    assertClose("sdpa.out_mask", Attention.scaledDotProductAttention(q, k, v, boolMask("sdpa.mask"), false));
    assertClose("sdpa.out_bias", Attention.scaledDotProductAttention(q, k, v, null, ref.get("sdpa.bias"), false));
    assertClose("sdpa.out_causal", Attention.scaledDotProductAttention(q, k, v, null, true));
  }

  @Test
  void multiheadAttentionWithBooleanMasksMatchesPyTorch() {
    MultiheadAttention mha = new MultiheadAttention(8, 2, new Rng(3));
    mha.loadStateDict(state("mha"));
    var out = mha.call(ref.get("mha.query"), ref.get("mha.key"), ref.get("mha.value"),
        boolMask("mha.key_padding_mask"), boolMask("mha.attn_mask"));
    assertClose("mha.out", out.output());
    assertClose("mha.weights", out.weights());
  }

  @Test
  void multiheadAttentionWithAFloatMaskAndPerHeadWeightsMatchesPyTorch() {
    MultiheadAttention mha = new MultiheadAttention(8, 2, new Rng(3));
    mha.loadStateDict(state("mha"));
    var out = mha.call(ref.get("mha.query"), ref.get("mha.key"), ref.get("mha.value"), AttentionOptions.defaults()
        .withAttnBias(ref.get("mha_bias.attn_bias")).withWeights(true, false));
    assertClose("mha_bias.out", out.output());
    assertClose("mha_bias.weights", out.weights());
  }

  @Test
  void multiheadAttentionWithOtherKeyAndValueSizesBatchFirstMatchesPyTorch() {
    MultiheadAttention mha = new MultiheadAttention(6, 3, 0, false, true, 4, 5, new Rng(3));
    mha.loadStateDict(state("mha_kv"));
    var out = mha.call(ref.get("mha_kv.query"), ref.get("mha_kv.key"), ref.get("mha_kv.value"),
        AttentionOptions.defaults().withAttnBias(ref.get("mha_kv.attn_bias")));
    assertClose("mha_kv.out", out.output());
    assertClose("mha_kv.weights", out.weights());
  }

  @Test
  void postNormEncoderLayerWithKeyPaddingMatchesPyTorch() {
    TransformerEncoderLayer enc = new TransformerEncoderLayer(8, 2, 16, 0, Tensor::relu, false, false,
        LayerNorm::new, new Rng(4));
    enc.loadStateDict(state("enc_post"));
    assertClose("enc_post.out", enc.call(ref.get("enc_post.src"), null, boolMask("enc_post.key_padding_mask")));
  }

  /** The reference used PyTorch's tanh-approximated GELU, so the activation here is the same approximation. */
  @Test
  void preNormBatchFirstGeluEncoderLayerWithAttentionMaskMatchesPyTorch() {
    TransformerEncoderLayer enc = new TransformerEncoderLayer(8, 4, 12, 0, GeluTanh::apply, true, true,
        LayerNorm::new, new Rng(4));
    enc.loadStateDict(state("enc_pre"));
    assertClose("enc_pre.out", enc.call(ref.get("enc_pre.src"), boolMask("enc_pre.attn_mask"), null));
  }
}
