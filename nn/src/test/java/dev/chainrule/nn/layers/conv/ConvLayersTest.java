package dev.chainrule.nn.layers.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.conv.ConvOptions;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Summary;
import dev.chainrule.nn.layers.Flatten;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conv layers: PyTorch's parameter names, shapes and default initialisation bounds, its repr, state dicts
 * from PyTorch's layout giving PyTorch's numbers, summaries of a CNN, and errors naming the layer.
 *
 * <p>Reference values from PyTorch 1.13 ({@code /usr/bin/python3}, float64):
 *
 * <pre>
 * x = (torch.arange(2*4*7).reshape(2,4,7) % 7) / 4 - 0.75
 * m = nn.Conv1d(4, 2, 3, stride=2, padding=2, dilation=2, groups=2)
 * m.weight = (torch.arange(12).reshape(2,2,3) % 5) / 5 - 0.4;  m.bias = [0.3, -0.1];  print(m(x))
 * m = nn.Conv2d(4, 4, 3, stride=2, padding=1, groups=2)          # weight (arange % 5) / 5 - 0.4
 * m = nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1, groups=2)
 * </pre>
 */
class ConvLayersTest {

  private static Tensor pattern(int modulus, double scale, double shift, int... dims) {
    double[] v = new double[Shape.of(dims).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % modulus) / scale - shift;
    }
    return Tensor.of(v, dims);
  }

  private static void assertWithin(Tensor t, double bound) {
    for (double v : t.toDoubleArray()) {
      assertTrue(v >= -bound && v < bound, "value " + v + " outside +-" + bound);
    }
  }

  @Test
  void parametersAreNamedShapedAndInitialisedAsPyTorchDoes() {
    Conv2d conv = new Conv2d(4, 8, 3, 5, ConvOptions.defaults().groups(2), true, new Rng(1));
    assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
    assertEquals(Shape.of(8, 2, 3, 5), conv.weight().shape());
    assertEquals(Shape.of(8), conv.bias().shape());
    // fan_in = in/groups * kh * kw = 2 * 15 = 30
    assertWithin(conv.weight(), 1 / Math.sqrt(30));
    assertWithin(conv.bias(), 1 / Math.sqrt(30));
    assertTrue(conv.weight().toDoubleArray()[0] != conv.weight().toDoubleArray()[1]);

    ConvTranspose2d up = new ConvTranspose2d(6, 4, 3, ConvOptions.defaults().groups(2), new Rng(2));
    assertEquals(Shape.of(6, 2, 3, 3), up.weight().shape());
    assertEquals(Shape.of(4), up.bias().shape());
    // PyTorch's fan_in is the weight's dimension 1 times the kernel: out/groups * 9 = 18
    assertWithin(up.weight(), 1 / Math.sqrt(18));
    double max = 0;
    for (double v : up.weight().toDoubleArray()) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > 1 / Math.sqrt(54), "bound is 1/sqrt(18), not 1/sqrt(in * 9): max " + max);

    Conv1d c1 = new Conv1d(3, 5, 4, ConvOptions.defaults(), false, new Rng(3));
    assertEquals(Shape.of(5, 3, 4), c1.weight().shape());
    assertEquals(List.of("weight"), List.copyOf(c1.stateDict().keySet()));
    assertWithin(c1.weight(), 1 / Math.sqrt(12));
    assertArrayEquals(new Conv2d(1, 16, 3, new Rng(9)).weight().toDoubleArray(),
        new Conv2d(1, 16, 3, new Rng(9)).weight().toDoubleArray());
  }

  @Test
  void reprReadsLikePyTorchs() {
    assertEquals("Conv2d(1, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))",
        new Conv2d(1, 16, 3, ConvOptions.defaults().padding(1), new Rng(1)).toString());
    assertEquals("ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1),"
        + " groups=2, bias=False)", new ConvTranspose2d(4, 2, 3, 3,
            ConvOptions.defaults().stride(2).padding(1).outputPadding(1).groups(2), false, new Rng(1)).toString());
    assertEquals("Conv2d(4, 8, kernel_size=(2, 3), stride=(1, 1), padding=same, dilation=(2, 2))",
        new Conv2d(4, 8, 2, 3, ConvOptions.defaults().paddingSame().dilation(2), true, new Rng(1)).toString());
    assertEquals("Conv1d(4, 2, kernel_size=(3,), stride=(2,), padding=(2,), dilation=(2,), groups=2)",
        new Conv1d(4, 2, 3, ConvOptions.defaults().stride(2).padding(2).dilation(2).groups(2), new Rng(1))
            .toString());
  }

  /** The layers hold float32 parameters (loading copies into them), so the match is to float precision. */
  @Test
  void aPyTorchStateDictGivesPyTorchsOutputs() {
    Conv1d c1 = new Conv1d(4, 2, 3, ConvOptions.defaults().stride(2).padding(2).dilation(2).groups(2), new Rng(1));
    c1.loadStateDict(Map.of("weight", pattern(5, 5, 0.4, 2, 2, 3), "bias", Tensor.of(0.3, -0.1)));
    Tensor y = c1.forward(pattern(7, 4, 0.75, 2, 4, 7));
    assertEquals(Shape.of(2, 2, 4), y.shape());
    assertArrayEquals(new double[] {0.25, 0.3, 0.1, 0.4, 0.2, -0.15, -0.25, -0.35, 0.25, 0.3, 0.1, 0.4, 0.2, -0.15,
        -0.25, -0.35}, y.toDoubleArray(), 1e-6);

    Conv2d c2 = new Conv2d(4, 4, 3, ConvOptions.defaults().stride(2).padding(1).groups(2), new Rng(1));
    c2.loadStateDict(Map.of("weight", pattern(5, 5, 0.4, 4, 2, 3, 3), "bias", Tensor.of(0.5, -0.25, 1.0, 0.0)));
    Tensor y2 = c2.forward(pattern(7, 4, 0.75, 2, 4, 5, 5));
    assertEquals(Shape.of(2, 4, 3, 3), y2.shape());
    assertArrayEquals(new double[] {0.85, -0.15, 0.25, -0.1, 0, 0.75, 0.95, 1.45},
        Arrays.copyOf(y2.toDoubleArray(), 8), 1e-6);

    ConvTranspose2d t = new ConvTranspose2d(4, 2, 3,
        ConvOptions.defaults().stride(2).padding(1).outputPadding(1).groups(2), new Rng(1));
    t.loadStateDict(Map.of("weight", pattern(5, 5, 0.4, 4, 1, 3, 3), "bias", Tensor.of(0.1, -0.2)));
    Tensor y3 = t.forward(pattern(7, 4, 0.75, 1, 4, 3, 2));
    assertEquals(Shape.of(1, 2, 6, 4), y3.shape());
    assertArrayEquals(new double[] {-0.05, 0.6, -0.25, 0, 0.2, 0.35, 0.35, 0.05},
        Arrays.copyOf(y3.toDoubleArray(), 8), 1e-6);
  }

  @Test
  void summaryShowsOutputShapesAndParameterCountsOfACnn() {
    Rng rng = new Rng(4);
    Module model = new Sequential(new Conv2d(1, 16, 3, ConvOptions.defaults().padding(1), rng), new ReLU(),
        new Conv2d(16, 32, 3, ConvOptions.defaults().stride(2).padding(1), rng), new ReLU(),
        new ConvTranspose2d(32, 8, 2, ConvOptions.defaults().stride(2), rng), new Flatten(),
        new Linear(8 * 28 * 28, 10, rng));
    Summary s = model.summary(2, 1, 28, 28);
    List<Summary.Row> rows = s.rows();
    assertEquals(new Summary.Row("0", "Conv2d", Shape.of(2, 16, 28, 28), 16 * 9 + 16), rows.get(0));
    assertEquals(new Summary.Row("2", "Conv2d", Shape.of(2, 32, 14, 14), 32 * 16 * 9 + 32), rows.get(2));
    assertEquals(new Summary.Row("4", "ConvTranspose2d", Shape.of(2, 8, 28, 28), 32 * 8 * 4 + 8), rows.get(4));
    assertEquals(Shape.of(2, 10), s.outputShape());
    assertEquals(160 + 4640 + 1032 + 6272 * 10 + 10, s.totalParameters());
    assertTrue(s.toString().contains("Conv2d"), s.toString());
  }

  @Test
  void aCnnTrainsItsParametersThroughTheConvGradients() {
    Rng rng = new Rng(5);
    Conv2d conv = new Conv2d(2, 3, 3, ConvOptions.defaults().padding(1), rng);
    Tensor x = Tensor.uniform(rng, -1, 1, 4, 2, 5, 5);
    Tensor target = Tensor.uniform(rng, -1, 1, 4, 3, 5, 5);
    double before = conv.forward(x).sub(target).square().mean().item();
    for (int step = 0; step < 50; step++) {
      Tensor loss = conv.forward(x).sub(target).square().mean();
      conv.weight().zeroGrad();
      conv.bias().zeroGrad();
      loss.backward();
      try (var off = GradMode.off()) {
        conv.weight().subInPlace(conv.weight().grad().mul(0.5));
        conv.bias().subInPlace(conv.bias().grad().mul(0.5));
      }
    }
    double after = conv.forward(x).sub(target).square().mean().item();
    assertTrue(after < 0.8 * before, "loss " + before + " -> " + after);
    assertEquals(DType.FLOAT32, conv.weight().dtype());
  }

  @Test
  void aWrongInputNamesTheLayer() {
    Conv2d conv = new Conv2d(3, 4, 3, new Rng(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> conv.forward(Tensor.zeros(2, 1, 8, 8)));
    assertEquals("Conv2d: input of shape (2, 1, 8, 8) has 1 channels in axis 1, expected in_channels=3",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(3, 8, 8)));
    assertEquals("Conv2d: input must be 4-D (N, C, H, W), got shape (3, 8, 8)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Conv2d(3, 4, 3, ConvOptions.defaults().groups(2), new Rng(1)));
    assertEquals("Conv2d: in_channels 3 and out_channels 4 must both be divisible by groups 2", e.getMessage());
  }
}
