package dev.chainrule.nn.layers.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.autodiff.ops.pool.PoolOptions;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Summary;
import dev.chainrule.nn.layers.Flatten;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolLayersTest {
  private static final PoolOptions OPTIONS = PoolOptions.kernel(3).stride(2).padding(1).ceilMode(true);

  @Test
  void eachLayerComputesItsPoolFunction() {
    Tensor x = Generators.distinct(Shape.of(2, 3, 7, 6), 1, 0.1);
    Tensor line = Generators.distinct(Shape.of(2, 3, 9), 2, 0.1);
    assertArrayEquals(Pool.maxPool2d(x, 2).toDoubleArray(), new MaxPool2d(2).call(x).toDoubleArray());
    assertArrayEquals(Pool.maxPool2d(x, OPTIONS).toDoubleArray(), new MaxPool2d(OPTIONS).call(x).toDoubleArray());
    assertArrayEquals(Pool.maxPool2d(x, PoolOptions.kernel(3).stride(1).padding(1)).toDoubleArray(),
        new MaxPool2d(3, 1, 1).call(x).toDoubleArray());
    assertArrayEquals(Pool.avgPool2d(x, PoolOptions.kernel(3).stride(2)).toDoubleArray(),
        new AvgPool2d(3, 2).call(x).toDoubleArray());
    assertArrayEquals(Pool.avgPool2d(x, OPTIONS.countIncludePad(false)).toDoubleArray(),
        new AvgPool2d(OPTIONS.countIncludePad(false)).call(x).toDoubleArray());
    assertArrayEquals(Pool.maxPool1d(line, OPTIONS).toDoubleArray(), new MaxPool1d(OPTIONS).call(line)
        .toDoubleArray());
    assertArrayEquals(Pool.avgPool1d(line, PoolOptions.kernel(2)).toDoubleArray(), new AvgPool1d(2).call(line)
        .toDoubleArray());
    assertArrayEquals(Pool.adaptiveAvgPool2d(x, 3, 2).toDoubleArray(), new AdaptiveAvgPool2d(3, 2).call(x)
        .toDoubleArray());
    assertArrayEquals(x.mean(new int[] {2, 3}, true).toDoubleArray(), new AdaptiveAvgPool2d(1).call(x)
        .toDoubleArray(), 1e-12);
    assertArrayEquals(Pool.adaptiveMaxPool2d(x, 2, 4).toDoubleArray(), new AdaptiveMaxPool2d(2, 4).call(x)
        .toDoubleArray());
    assertArrayEquals(x.max(new int[] {2, 3}, true).toDoubleArray(), new AdaptiveMaxPool2d(1).call(x)
        .toDoubleArray());
    assertArrayEquals(Pool.adaptiveAvgPool1d(line, 4).toDoubleArray(), new AdaptiveAvgPool1d(4).call(line)
        .toDoubleArray());
    assertArrayEquals(Pool.adaptiveMaxPool1d(line, 4).toDoubleArray(), new AdaptiveMaxPool1d(4).call(line)
        .toDoubleArray());
  }

  @Test
  void gradientsThroughEveryLayerCheckInFloat64() {
    Tensor x = Generators.distinct(Shape.of(1, 2, 5, 4), 3, 0.1).requiresGrad();
    Tensor line = Generators.distinct(Shape.of(2, 2, 5), 4, 0.1).requiresGrad();
    for (Module m : List.of(new MaxPool2d(OPTIONS), new AvgPool2d(OPTIONS), new AdaptiveAvgPool2d(2, 3),
        new AdaptiveMaxPool2d(3, 2))) {
      GradCheck.gradGrad(in -> m.call(in[0]), x);
    }
    for (Module m : List.of(new MaxPool1d(2, 1), new AvgPool1d(3, 2, 1), new AdaptiveAvgPool1d(3),
        new AdaptiveMaxPool1d(4))) {
      GradCheck.gradGrad(in -> m.call(in[0]), line);
    }
  }

  /** The small CNN without its convolutions: the summary shows each pooled shape. */
  @Test
  void summaryShowsTheOutputShapesOfAPoolingNetwork() {
    Module model = new Sequential(new MaxPool2d(2), new ReLU(), new AvgPool2d(3, 1, 1), new MaxPool2d(2),
        new AdaptiveAvgPool2d(1), new Flatten());
    Summary summary = model.summary(64, 16, 28, 28);
    List<Shape> shapes = summary.rows().stream().map(Summary.Row::outputShape).toList();
    assertEquals(List.of(Shape.of(64, 16, 14, 14), Shape.of(64, 16, 14, 14), Shape.of(64, 16, 14, 14),
        Shape.of(64, 16, 7, 7), Shape.of(64, 16, 1, 1), Shape.of(64, 16)), shapes);
    assertEquals(0, summary.totalParameters());
    assertEquals(List.of("MaxPool2d", "ReLU", "AvgPool2d", "MaxPool2d", "AdaptiveAvgPool2d", "Flatten"),
        summary.rows().stream().map(Summary.Row::type).toList());
  }

  @Test
  void reprsReadLikePyTorchs() {
    assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
        new MaxPool2d(2).toString());
    assertEquals("MaxPool2d(kernel_size=(3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2), ceil_mode=True)",
        new MaxPool2d(PoolOptions.kernel(3, 2).stride(2, 1).padding(1, 0).dilation(1, 2).ceilMode(true)).toString());
    assertEquals("AvgPool2d(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)",
        new AvgPool2d(OPTIONS.countIncludePad(false)).toString());
    assertEquals("MaxPool1d(kernel_size=3, stride=1, padding=1, dilation=1, ceil_mode=False)",
        new MaxPool1d(3, 1, 1).toString());
    assertEquals("AvgPool1d(kernel_size=2, stride=2, padding=0, ceil_mode=False, count_include_pad=True)",
        new AvgPool1d(2).toString());
    assertEquals("AdaptiveAvgPool2d(output_size=1)", new AdaptiveAvgPool2d(1).toString());
    assertEquals("AdaptiveAvgPool2d(output_size=(3, 4))", new AdaptiveAvgPool2d(3, 4).toString());
    assertEquals("AdaptiveMaxPool2d(output_size=2)", new AdaptiveMaxPool2d(2).toString());
    assertEquals("AdaptiveAvgPool1d(output_size=5)", new AdaptiveAvgPool1d(5).toString());
    assertEquals("AdaptiveMaxPool1d(output_size=5)", new AdaptiveMaxPool1d(5).toString());
  }

  @Test
  void aShapeThatPoolsToNothingIsRefusedNamingTheOp() {
    var e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(3).call(Tensor.zeros(1, 1, 2, 2)));
    assertEquals("MaxPool2d: maxPool2d: input of shape (1, 1, 2, 2) with kernel (3, 3), stride (3, 3),"
        + " padding (0, 0), dilation (1, 1), ceil mode off: the output would be empty, of size (0, 0)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(0));
  }
}
