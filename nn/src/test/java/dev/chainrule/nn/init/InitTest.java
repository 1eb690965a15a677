package dev.chainrule.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InitTest {
  /** A (out, in) = (200, 300) weight: fanIn 300, fanOut 200, 60,000 samples. */
  private static Tensor weight() {
    return Tensor.zeros(200, 300).requiresGrad();
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).sum() / v.length;
  }

  private static double std(double[] v) {
    double m = mean(v);
    return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
  }

  /** Mean within 5 standard errors of {@code mean}, standard deviation within 2% of {@code std}. */
  private static void assertMoments(double mean, double std, double[] v) {
    assertEquals(mean, mean(v), 5 * std / Math.sqrt(v.length), "mean");
    assertEquals(std, std(v), 0.02 * std, "std");
  }

  private static void assertWithin(double low, double high, double[] v) {
    for (double x : v) {
      assertTrue(x >= low && x <= high, x + " outside [" + low + ", " + high + "]");
    }
  }

  @Test
  void fansFollowPyTorchForOutInAndKernelAxes() {
    assertEquals(300, Init.fanIn(weight()));
    assertEquals(200, Init.fanOut(weight()));
    Tensor conv = Tensor.zeros(4, 3, 5, 5);
    assertEquals(75, Init.fanIn(conv));
    assertEquals(100, Init.fanOut(conv));
    var e = assertThrows(IllegalArgumentException.class, () -> Init.fanIn(Tensor.zeros(5)));
    assertTrue(e.getMessage().contains("(5,)"), e.getMessage());
  }

  @Test
  void zerosAndConstantInPlace() {
    Tensor w = weight();
    assertSame(w, Init.constant(w, 0.5));
    assertWithin(0.5, 0.5, w.toDoubleArray());
    Init.zeros(w);
    assertWithin(0, 0, w.toDoubleArray());
    assertTrue(w.isLeaf() && w.needsGrad());
    assertEquals(2, w.version());
  }

  @Test
  void normalAndSmallRandomHaveTheirMoments() {
    assertMoments(1.5, 2, Init.normal(weight(), 1.5, 2, new Rng(1)).toDoubleArray());
    assertMoments(0, 0.01, Init.smallRandom(weight(), new Rng(2)).toDoubleArray());
  }

  @Test
  void uniformStaysInItsBoundsWithItsMoments() {
    double[] v = Init.uniform(weight(), -1, 3, new Rng(3)).toDoubleArray();
    assertWithin(-1, 3, v);
    assertMoments(1, 4 / Math.sqrt(12), v);
  }

  @Test
  void varianceScalingRules() {
    double fanIn = 300;
    double fanOut = 200;
    double xavierBound = Math.sqrt(6 / (fanIn + fanOut));
    double[] xu = Init.xavierUniform(weight(), new Rng(4)).toDoubleArray();
    assertWithin(-xavierBound, xavierBound, xu);
    assertMoments(0, xavierBound / Math.sqrt(3), xu);
    double[] xu2 = Init.xavierUniform(weight(), 2, new Rng(4)).toDoubleArray();
    assertWithin(-2 * xavierBound, 2 * xavierBound, xu2);
    assertMoments(0, Math.sqrt(2 / (fanIn + fanOut)), Init.xavierNormal(weight(), new Rng(5)).toDoubleArray());
    assertMoments(0, 3 * Math.sqrt(2 / (fanIn + fanOut)), Init.xavierNormal(weight(), 3, new Rng(5))
        .toDoubleArray());
    double heBound = Math.sqrt(6 / fanIn);
    double[] ku = Init.kaimingUniform(weight(), new Rng(6)).toDoubleArray();
    assertWithin(-heBound, heBound, ku);
    assertMoments(0, Math.sqrt(2 / fanIn), ku);
    assertMoments(0, Math.sqrt(2 / fanIn), Init.kaimingNormal(weight(), new Rng(7)).toDoubleArray());
    assertMoments(0, Math.sqrt(1 / fanIn), Init.lecunNormal(weight(), new Rng(8)).toDoubleArray());
  }

  @Test
  void sameSeedSameValuesOtherSeedOtherValues() {
    List<BiFunction<Tensor, Rng, Tensor>> inits = List.of(Init::smallRandom, Init::xavierUniform,
        Init::xavierNormal, Init::kaimingUniform, Init::kaimingNormal, Init::lecunNormal);
    for (BiFunction<Tensor, Rng, Tensor> init : inits) {
      double[] a = init.apply(Tensor.zeros(6, 5), new Rng(42)).toDoubleArray();
      assertArrayEquals(a, init.apply(Tensor.zeros(6, 5), new Rng(42)).toDoubleArray());
      assertFalse(Arrays.equals(a, init.apply(Tensor.zeros(6, 5), new Rng(43)).toDoubleArray()));
    }
  }

  @Test
  void keepsTheTensorsTypeAndRecordsNothing() {
    Tensor w = Tensor.zeros(DType.FLOAT64, 3, 4).requiresGrad();
    Init.kaimingNormal(w, new Rng(9));
    assertEquals(DType.FLOAT64, w.dtype());
    assertTrue(w.isLeaf());
  }

  @Test
  void float32DrawsHaveTheBitsOfRandnScaledAndShifted() {
    Tensor w = Init.normal(Tensor.zeros(DType.FLOAT32, 7, 9), 0.5, 0.02, new Rng(3));
    Tensor reference = Tensor.randn(new Rng(3), 7, 9).mul(0.02).add(0.5);
    assertArrayEquals(reference.toFloatArray(), w.toFloatArray());
    Tensor u = Init.uniform(Tensor.zeros(DType.FLOAT32, 7, 9), -0.3, 0.3, new Rng(4));
    assertArrayEquals(Tensor.uniform(new Rng(4), -0.3, 0.3, 7, 9).toFloatArray(), u.toFloatArray());
  }

  @Test
  void float64DrawsAreFullPrecisionWhateverTheDefaultType() {
    double[] w = Init.normal(Tensor.zeros(DType.FLOAT64, 100), 0, 1, new Rng(5)).toDoubleArray();
    double[] u = Init.uniform(Tensor.zeros(DType.FLOAT64, 100), -1, 1, new Rng(5)).toDoubleArray();
    // Drawn through FLOAT32 first, every value would equal its own float rounding.
    assertTrue(Arrays.stream(w).anyMatch(v -> v != (float) v), "normal draws were rounded to float");
    assertTrue(Arrays.stream(u).anyMatch(v -> v != (float) v), "uniform draws were rounded to float");
  }

  /**
   * An initialiser allocates one temporary of the parameter's size and type, not a float64 array and casts: a
   * 16 MB float32 weight may cost at most 2 x 16 MB of allocation beyond what drawing its numbers from the
   * {@link Rng} allocates (it took 151 MB: a float64 draw, its casts, a product and a sum). The draws are counted
   * apart because from JDK 21 {@code StrictMath.sin} and {@code cos}, written in Java, allocate a small array on
   * each call (about 128 MB for 4 Mi Gaussians on JDK 25, nothing on JDK 17).
   */
  @Test
  void initialisingAllocatesAboutOneParameterOfTemporaries() {
    Tensor w = Tensor.zeros(DType.FLOAT32, 2048, 2048);
    long bytes = 4L * w.size();
    Consumer<Rng> gaussians = rng -> {
      for (long i = 0; i < w.size(); i++) {
        rng.nextGaussian();
      }
    };
    Consumer<Rng> uniforms = rng -> {
      for (long i = 0; i < w.size(); i++) {
        rng.nextDouble();
      }
    };
    Map<String, Consumer<Rng>> inits = Map.of("kaimingNormal", rng -> Init.kaimingNormal(w, rng),
        "xavierUniform", rng -> Init.xavierUniform(w, rng));
    Map<String, Consumer<Rng>> draws = Map.of("kaimingNormal", gaussians, "xavierUniform", uniforms);
    for (String name : inits.keySet()) {
      long drawing = allocatedBy(draws.get(name));
      long allocated = allocatedBy(inits.get(name)) - drawing;
      assertTrue(allocated < 2 * bytes, name + " allocated " + allocated + " bytes beyond the " + drawing
          + " of its draws for a " + bytes + "-byte parameter");
    }
  }

  /** The bytes {@code body} allocates on this thread, after a first call so that class loading does not count. */
  private static long allocatedBy(Consumer<Rng> body) {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    body.accept(new Rng(1));
    long before = threads.getCurrentThreadAllocatedBytes();
    body.accept(new Rng(2));
    return threads.getCurrentThreadAllocatedBytes() - before;
  }
}
