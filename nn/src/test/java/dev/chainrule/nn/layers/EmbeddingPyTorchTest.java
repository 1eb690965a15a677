package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedding against PyTorch 1.13: {@code examples/python/embedding_reference.py} built float64
 * {@code torch.nn.Embedding}s (one with a padding index whose row is not zero, one from a frozen pretrained matrix,
 * one from a trainable pretrained matrix with a padding index), ran each on INT64 indices with repeats and the
 * padding index, and back-propagated {@code (output * upstream).sum()}; it wrote the weight, indices, upstream,
 * output and {@code weight.grad} into {@code embedding_reference.safetensors}, with each module as PyTorch printed
 * it in the metadata. Each test builds the same layer and reproduces the output and the gradient: the repeated
 * rows' gradients summed, the padding row's zero.
 */
class EmbeddingPyTorchTest {
  private static final double FLOAT64_TOLERANCE = 1e-12;
  private static final double FLOAT32_TOLERANCE = 1e-6;
  private static Map<String, Tensor> reference;
  private static Map<String, String> metadata;

  @BeforeAll
  static void load() throws Exception {
    Path file = Path.of(EmbeddingPyTorchTest.class.getResource("embedding_reference.safetensors").toURI());
    reference = SafeTensors.load(file);
    metadata = SafeTensors.readMetadata(file);
  }

  private static Tensor ref(String name) {
    Tensor t = reference.get(name);
    assertNotNull(t, "the reference has " + name);
    return t;
  }

  private static void assertClose(String name, Tensor actual, double tolerance) {
    Tensor expected = ref(name);
    assertValues(expected.toDoubleArray(), expected.shape().dims(), actual, tolerance);
  }

  /** Runs {@code layer} on the case's indices, back-propagates the case's weighted sum, returns the output. */
  private static Tensor step(String name, Embedding layer) {
    assertEquals(metadata.get(name + ".module"), layer.toString(), "PyTorch's repr of " + name);
    Tensor indices = ref(name + ".indices");
    assertEquals(DType.INT64, indices.dtype());
    Tensor output = layer.call(indices);
    if (output.needsGrad()) {
      output.mul(ref(name + ".upstream").to(output.dtype())).sum().backward();
    }
    return output;
  }

  /** The gradient of the padding row, which must be exactly zero although the indices use that row. */
  private static void assertPaddingRowUntrained(String name, Embedding layer) {
    int pad = layer.paddingIdx();
    assertTrue(Arrays.stream(ref(name + ".indices").toLongArray()).anyMatch(i -> i == pad),
        name + " looks up the padding row");
    double[] grad = layer.weight().grad().toDoubleArray();
    double[] weight = ref(name + ".weight").toDoubleArray();
    for (int j = 0; j < layer.embeddingDim(); j++) {
      assertEquals(0.0, grad[pad * layer.embeddingDim() + j], name + ": padding row gradient, column " + j);
      assertNotEquals(0.0, weight[pad * layer.embeddingDim() + j], name + ": the padding row is not zero");
    }
  }

  @Test
  void aPaddedTableLoadedFromPyTorchGivesItsOutputAndGradient() {
    Embedding layer;
    try (var f64 = DType.defaultScope(DType.FLOAT64)) {
      layer = new Embedding(5, 3, 1, new Rng(1));
    }
    layer.loadStateDict(Map.of("weight", ref("padded.weight")));
    Tensor output = step("padded", layer);
    assertClose("padded.output", output, FLOAT64_TOLERANCE);
    assertClose("padded.grad", layer.weight().grad(), FLOAT64_TOLERANCE);
    assertPaddingRowUntrained("padded", layer);
  }

  @Test
  void aFloat32TableTakesPyTorchsFloat64StateDictToFloat32Rounding() {
    Embedding layer = new Embedding(5, 3, 1, new Rng(1));
    layer.loadStateDict(Map.of("weight", ref("padded.weight")));
    assertEquals(DType.FLOAT32, layer.weight().dtype());
    Tensor output = step("padded", layer);
    assertEquals(DType.FLOAT32, output.dtype());
    assertClose("padded.output", output, FLOAT32_TOLERANCE);
    assertClose("padded.grad", layer.weight().grad(), FLOAT32_TOLERANCE);
    assertPaddingRowUntrained("padded", layer);
  }

  @Test
  void aFrozenPretrainedTableGivesPyTorchsOutputAndNoGradient() {
    assertEquals("false", metadata.get("pretrained_frozen.requires_grad"));
    assertNull(reference.get("pretrained_frozen.grad"), "PyTorch computed no gradient");
    Embedding layer = Embedding.fromPretrained(ref("pretrained_frozen.weight"), true, null);
    Tensor output = step("pretrained_frozen", layer);
    assertClose("pretrained_frozen.output", output, FLOAT64_TOLERANCE);
    assertFalse(layer.weight().needsGrad() || output.needsGrad(), "frozen: nothing to differentiate");
    assertNull(layer.weight().grad());
  }

  @Test
  void aTrainablePretrainedTableWithPaddingGivesPyTorchsOutputAndGradient() {
    assertEquals("true", metadata.get("pretrained_padded.requires_grad"));
    Embedding layer = Embedding.fromPretrained(ref("pretrained_padded.weight"), false, 2);
    Tensor output = step("pretrained_padded", layer);
    assertClose("pretrained_padded.output", output, FLOAT64_TOLERANCE);
    assertClose("pretrained_padded.grad", layer.weight().grad(), FLOAT64_TOLERANCE);
    assertPaddingRowUntrained("pretrained_padded", layer);
  }
}
