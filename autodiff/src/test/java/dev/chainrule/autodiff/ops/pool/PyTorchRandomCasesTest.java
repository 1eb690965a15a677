package dev.chainrule.autodiff.ops.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * 300 random cases of max, average, adaptive average and adaptive max pooling and of padding, run once through
 * PyTorch 1.13 in float64 by {@code pytorch-cases.py} (beside {@code pytorch-cases.txt} in the test resources,
 * with the format): the output shape, values and gradient of {@code sum(y * w)} match, and what PyTorch refuses
 * is refused.
 */
class PyTorchRandomCasesTest {

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesPyTorch() throws IOException {
    List<String> lines;
    try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
        getClass().getResourceAsStream("pytorch-cases.txt"), "pytorch-cases.txt"), StandardCharsets.UTF_8))) {
      lines = in.lines().toList();
    }
    assertEquals(300, lines.size());
    // Each test is named by its kind, shape and arguments (the first three fields).
    return lines.stream().map(line -> {
      String[] fields = line.split("\\|");
      return DynamicTest.dynamicTest(String.join(" ", fields[0], fields[1], fields[2]), () -> check(fields));
    });
  }

  private static void check(String[] f) {
    int[] shape = ints(f[1]);
    Tensor x = Tensor.of(Arrays.stream(f[3].split(" ")).mapToDouble(Double::parseDouble).toArray(), shape)
        .requiresGrad();
    String[] args = f[2].split(" ");
    if (f[4].equals("REFUSED")) {
      assertThrows(IllegalArgumentException.class, () -> apply(f[0], args, x));
      return;
    }
    Tensor y = apply(f[0], args, x);
    int[] outShape = ints(f[4]);
    assertEquals(Shape.of(outShape), y.shape());
    assertArrayEquals(doubles(f[5]), y.toDoubleArray(), 1e-12);
    double[] w = new double[y.size()];
    Arrays.setAll(w, i -> i + 1);
    y.mul(Tensor.of(w, outShape)).sum().backward();
    assertArrayEquals(doubles(f[6]), x.grad().toDoubleArray(), 1e-9);
  }

  private static Tensor apply(String kind, String[] a, Tensor x) {
    switch (kind) {
      case "max", "avg" -> {
        int[] o = Arrays.stream(a).mapToInt(Integer::parseInt).toArray();
        PoolOptions options = PoolOptions.kernel(o[0], o[1]).stride(o[2], o[3]).padding(o[4], o[5])
            .dilation(o[6], o[7]).ceilMode(o[8] == 1).countIncludePad(o[9] == 1);
        return kind.equals("max") ? Pool.maxPool2d(x, options) : Pool.avgPool2d(x, options);
      }
      case "adaptive" -> {
        return Pool.adaptiveAvgPool2d(x, Integer.parseInt(a[0]), Integer.parseInt(a[1]));
      }
      case "adaptivemax" -> {
        return Pool.adaptiveMaxPool2d(x, Integer.parseInt(a[0]), Integer.parseInt(a[1]));
      }
      case "pad" -> {
        int[] pads = Arrays.stream(a).skip(1).mapToInt(Integer::parseInt).toArray();
        return a[0].equals("constant") ? Pad.constant(x, 0.5, pads)
            : Pad.pad(x, a[0].equals("reflect") ? PadMode.REFLECT : PadMode.REPLICATE, pads);
      }
      default -> throw new AssertionError("unknown kind " + kind);
    }
  }

  private static int[] ints(String s) {
    return Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  private static double[] doubles(String s) {
    return Arrays.stream(s.split(" ")).mapToDouble(Double::parseDouble).toArray();
  }
}
