package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.nn.Module;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LayerNorm, GroupNorm and RMSNorm against PyTorch: {@code examples/python/norm_reference.py} (torch 1.13, where
 * LayerNorm's {@code bias=False} and RMSNorm are PyTorch 2.x's formulas in torch ops) wrote, per case, an input,
 * the module's state dict under PyTorch's keys and PyTorch's output into {@code norm-reference.safetensors}, with
 * the module as PyTorch printed it in the metadata. Each case here builds the same layer, loads the state dict
 * strictly (so the keys and shapes must be PyTorch's) and reproduces the output. The layers are built with FLOAT64
 * parameters, so the FLOAT64 cases agree to rounding; the {@code _f32} case computes in FLOAT32 throughout.
 */
class NormPyTorchTest {
  private static Map<String, Tensor> tensors;
  private static Map<String, String> metadata;

  @BeforeAll
  static void load() throws Exception {
    Path file = Path.of(NormPyTorchTest.class.getResource("norm-reference.safetensors").toURI());
    tensors = SafeTensors.load(file);
    metadata = SafeTensors.readMetadata(file);
  }

  /** {@code layer}'s output on the case's input after loading the case's state dict, which it must match exactly. */
  private static Tensor run(String name, String pytorchModule, Module layer) {
    assertEquals(pytorchModule, metadata.get(name + ".module"), "the script's module for " + name);
    Map<String, Tensor> state = new LinkedHashMap<>();
    tensors.forEach((key, value) -> {
      if (key.startsWith(name + ".") && !key.equals(name + ".x") && !key.equals(name + ".y")) {
        state.put(key.substring(name.length() + 1), value);
      }
    });
    layer.loadStateDict(state);
    return layer.call(tensors.get(name + ".x"));
  }

  private static void check(String name, String pytorchModule, Supplier<Module> layer) {
    Module m;
    try (var f64 = DType.defaultScope(DType.FLOAT64)) {
      m = layer.get();
    }
    assertClose(tensors.get(name + ".y"), run(name, pytorchModule, m), 1e-12, name);
  }

  private static void assertClose(Tensor expected, Tensor actual, double relative, String name) {
    assertEquals(expected.shape(), actual.shape(), name + ": shape");
    assertEquals(expected.dtype(), actual.dtype(), name + ": dtype");
    double[] want = expected.toDoubleArray();
    double[] got = actual.toDoubleArray();
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], relative * Math.max(1, Math.abs(want[i])), name + ": element " + i);
    }
  }

  @Test
  void layerNormMatchesPyTorch() {
    check("layer_norm", "LayerNorm((4,), eps=1e-05, elementwise_affine=True)", () -> new LayerNorm(4));
    check("layer_norm_2d", "LayerNorm((3, 4), eps=0.001, elementwise_affine=True)",
        () -> new LayerNorm(new int[] {3, 4}, 1e-3, true));
    check("layer_norm_plain", "LayerNorm((5,), eps=1e-05, elementwise_affine=False)",
        () -> new LayerNorm(new int[] {5}, 1e-5, false));
    check("layer_norm_no_bias", "LayerNormNoBias((4,), eps=1e-05, elementwise_affine=True, bias=False)",
        () -> new LayerNorm(new int[] {4}, 1e-5, true, false));
  }

  @Test
  void groupNormMatchesPyTorch() {
    check("group_norm", "GroupNorm(3, 6, eps=1e-05, affine=True)", () -> new GroupNorm(3, 6));
    check("group_norm_plain", "GroupNorm(2, 4, eps=0.001, affine=False)", () -> new GroupNorm(2, 4, 1e-3, false));
    check("group_norm_instance", "GroupNorm(4, 4, eps=1e-05, affine=True)", () -> new GroupNorm(4, 4));
    check("group_norm_matrix", "GroupNorm(2, 6, eps=1e-05, affine=True)", () -> new GroupNorm(2, 6));
  }

  @Test
  void rmsNormMatchesPyTorchsFormula() {
    check("rms_norm", "RMSNorm((4,), eps=None, elementwise_affine=True)", () -> new RMSNorm(4));
    check("rms_norm_tiny", "RMSNorm((2, 3), eps=None, elementwise_affine=True)", () -> new RMSNorm(2, 3));
    check("rms_norm_plain", "RMSNorm((5,), eps=1e-06, elementwise_affine=False)",
        () -> new RMSNorm(new int[] {5}, 1e-6, false));
    // FLOAT32 input and weight: eps=None is finfo(float32).eps, and the result is FLOAT32 to its rounding
    Tensor y = run("rms_norm_tiny_f32", "RMSNorm((3,), eps=None, elementwise_affine=True)", new RMSNorm(3));
    assertClose(tensors.get("rms_norm_tiny_f32.y"), y, 1e-6, "rms_norm_tiny_f32");
  }

  /**
   * The tiny cases tell the dtype's eps from others: with the other dtype's machine epsilon, or eps 1e-6, the
   * outputs are far from PyTorch's.
   */
  @Test
  void theTinyCasesDependOnEps() {
    for (String name : new String[] {"rms_norm_tiny", "rms_norm_tiny_f32"}) {
      Tensor x = tensors.get(name + ".x");
      double wrong = x.dtype() == DType.FLOAT64 ? 0x1p-23 : 0x1p-52;
      Tensor expected = tensors.get(name + ".y");
      Tensor weight = tensors.get(name + ".weight");
      for (double eps : new double[] {wrong, 1e-6}) {
        Tensor y = new RMSNorm(weight.shape().dims(), eps, false).call(x).mul(weight);
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
          worst = Math.max(worst, Math.abs(y.get(i) - expected.get(i)));
        }
        assertTrue(worst > 1e-2, name + " with eps " + eps + " is within " + worst + " of PyTorch's output");
      }
    }
  }
}
