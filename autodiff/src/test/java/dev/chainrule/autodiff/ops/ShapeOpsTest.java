package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The shape ops and statistics on small literal cases whose expected values were printed by PyTorch 1.13
 * ({@code torch.chunk}, {@code x[a:b:s]}, {@code flip}, {@code cumsum}, {@code triu}, {@code logsumexp},
 * {@code var}, {@code std} on the same inputs), their edge cases (infinities, NaN, empty groups, {@code n <=
 * correction}) and the errors for bad arguments.
 */
class ShapeOpsTest {
  /** {@code (3 sin(0.37 i - 4))} for {@code i = 0..23}, shape (2, 3, 4), as PyTorch computed it. */
  private static final Tensor X = Tensor.of(new double[] {2.2704074859237844, 1.4076601238661814,
      0.35439256767545213, -0.7468403600194577, -1.7469919485722456, -2.5106963723954934, -2.934589820424134,
      -2.961300303041551, -2.587212681730015, -1.8629579611096787, -0.8865606199840181, 0.20982854201259915,
      1.2778183951979976, 2.1728615231104267, 2.7738180372240606, 2.999351292568071, 2.818936421055975,
      2.256991729182512, 1.3895737947910356, 0.33408356605994877, -0.766623306080495, -1.7635713101354473,
      -2.521828210650585, -2.9387674932851007}, 2, 3, 4);
  private static final Tensor R = Tensor.arange(24).reshape(2, 3, 4);

  private static int[] sizes(Tensor[] pieces, int axis) {
    return Arrays.stream(pieces).mapToInt(p -> p.shape().dim(axis)).toArray();
  }

  private static String refused(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void chunkAndSplitSizesAreThoseOfPyTorch() {
    assertArrayEquals(new int[] {3, 3, 3, 1}, sizes(Tensor.zeros(10).chunk(4, 0), 0));
    assertArrayEquals(new int[] {2, 2, 2}, sizes(Tensor.zeros(6).chunk(4, 0), 0)); // fewer than asked
    assertArrayEquals(new int[] {2, 2, 1}, sizes(Tensor.zeros(5).chunk(4, 0), 0));
    assertArrayEquals(new int[] {3, 3, 1}, sizes(Tensor.zeros(2, 7).chunk(3, 1), 1));
    assertArrayEquals(new int[] {3, 3, 3}, sizes(Tensor.zeros(2, 9).chunk(4, -1), 1));
    assertArrayEquals(new int[] {0, 0, 0}, sizes(Tensor.zeros(2, 0).chunk(3, 1), 1));
    assertArrayEquals(new int[] {4, 4, 2}, sizes(Tensor.zeros(10).split(4, 0), 0));
    assertArrayEquals(new int[] {0}, sizes(Tensor.zeros(0).split(0, 0), 0));
    assertArrayEquals(new int[] {0}, sizes(Tensor.zeros(0).split(2, 0), 0));
    Tensor[] parts = R.split(new int[] {1, 0, 2}, 1);
    assertArrayEquals(new int[] {1, 0, 2}, sizes(parts, 1));
    assertArrayEquals(new float[] {8, 9, 10, 11, 20, 21, 22, 23}, parts[2].narrow(1, 1, 1).toFloatArray());
  }

  @Test
  void sliceSelectFlipSqueezeMatchPyTorch() {
    // y[:, :, -3:100:2] and y[:, -100:-1:2, :]
    assertArrayEquals(new float[] {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23}, R.slice(2, -3, 100, 2)
        .toFloatArray());
    assertEquals(Shape.of(2, 1, 4), R.slice(1, -100, -1, 2).shape());
    Tensor r = Tensor.arange(10);
    assertArrayEquals(new float[] {2, 5}, r.slice(0, 2, 8, 3).toFloatArray());
    assertArrayEquals(new float[] {3, 5, 7}, r.slice(0, -7, -1, 2).toFloatArray());
    assertArrayEquals(new float[] {0, 4, 8}, r.slice(0, -100, 100, 4).toFloatArray());
    assertEquals(Shape.of(0), r.slice(0, 8, 2, 1).shape());
    assertArrayEquals(new float[] {5, 6, 7, 8, 9}, r.slice(0, 5, Integer.MAX_VALUE, 1).toFloatArray());
    assertArrayEquals(new float[] {8, 9, 10, 11, 20, 21, 22, 23}, R.select(1, -1).toFloatArray());
    assertEquals(Shape.of(2, 4), R.select(1, 0).shape());
    assertArrayEquals(new float[] {15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20, 3, 2, 1, 0, 7, 6, 5, 4, 11,
        10, 9, 8}, R.flip(0, -1).toFloatArray());
    assertEquals(Shape.of(3, 2), Tensor.zeros(1, 3, 1, 2, 1).squeeze().shape());
    assertEquals(Shape.scalar(), Tensor.zeros(1, 1).squeeze().shape());
  }

  @Test
  void cumsumAndTrianglesMatchPyTorch() {
    assertArrayEquals(new double[] {2.2704074859237844, 1.4076601238661814, 0.35439256767545213,
        -0.7468403600194577, 0.5234155373515388, -1.103036248529312, -2.5801972527486816, -3.708140663061009,
        -2.0637971443784764, -2.965994209638991, -3.4667578727326998, -3.49831212104841, 1.2778183951979976,
        2.1728615231104267, 2.7738180372240606, 2.999351292568071, 4.096754816253973, 4.429853252292938,
        4.163391832015096, 3.33343485862802, 3.3301315101734774, 2.666281942157491, 1.6415636213645106,
        0.39466736534291913}, X.cumsum(1).toDoubleArray(), 1e-14);
    assertArrayEquals(new float[] {1, Float.NaN, Float.NaN}, Tensor.of(1f, Float.NaN, 2f).cumsum(0)
        .toFloatArray());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0, 21,
        22, 23}, R.triu(-1).toFloatArray());
    assertArrayEquals(new float[] {0, 1, 0, 0, 4, 5, 6, 0, 8, 9, 10, 11, 12, 13, 0, 0, 16, 17, 18, 0, 20, 21, 22,
        23}, R.tril(1).toFloatArray());
    // A NaN outside the triangle is dropped, as in PyTorch, not multiplied by 0.
    Tensor nan = Tensor.of(new double[] {Double.NaN, 1, Double.NaN, 2}, 2, 2);
    assertArrayEquals(new double[] {Double.NaN, 1, 0, 2}, nan.triu(0).toDoubleArray());
    assertEquals(Shape.of(0, 3), Tensor.zeros(0, 3).tril(0).shape());
  }

  @Test
  void statisticsMatchPyTorch() {
    assertArrayEquals(new double[] {4.1609634318422195, 3.468342906145143, 0.972759410045866},
        X.logSumExp(new int[] {0, 2}, false).toDoubleArray(), 1e-14);
    assertEquals(Shape.of(2, 3, 1), X.logSumExp(new int[] {-1}, true).shape());
    assertArrayEquals(new double[] {1.6147273548122285, 5.773353834126765, 1.1684189569545445},
        X.var(new int[] {0, 2}, 1, false).toDoubleArray(), 1e-14);
    assertArrayEquals(new double[] {2.119799329861048, 1.7149676167665773, 1.3561298515771036,
        1.3281192374222321, 1.4685981674301911, 1.8757963788854983, 2.242495310375637, 2.4284531159092504},
        X.std(new int[] {1}, 0, true).toDoubleArray(), 1e-14);
    assertEquals(Shape.of(2, 1, 4), X.std(new int[] {1}, 0, true).shape());
    assertEquals(4.422504942980389, X.var().item(), 1e-14);
    assertEquals(2.1029752597166684, X.std().item(), 1e-14);
    Tensor v = Tensor.of(1.0, 2.0, 4.0);
    assertEquals(2.3333333333333335, v.var().item(), 1e-15);
    assertEquals(4.666666666666667, v.var(new int[] {0}, 2, false).item(), 1e-15);
    assertEquals(5.25, Tensor.of(new double[][] {{1, 2}, {4, 7}}).var(new int[] {0, 1}, 0, false).item());
  }

  @Test
  void logSumExpOfInfinitiesAndNanIsThatOfPyTorch() {
    double inf = Double.POSITIVE_INFINITY;
    Tensor x = Tensor.of(new double[] {-inf, -inf, 1, inf, Double.NaN, 1, 1000, 1000}, 4, 2).requiresGrad();
    Tensor y = x.logSumExp(1, false);
    assertArrayEquals(new double[] {-inf, inf, Double.NaN, 1000 + Math.log(2)}, y.toDoubleArray(), 1e-12);
    y.sum().backward();
    // torch.logsumexp's backward gives the same: exp(x - y), NaN where y is infinite or NaN.
    assertArrayEquals(new double[] {Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, 0.5, 0.5},
        x.grad().toDoubleArray(), 1e-15);
    assertEquals(-inf, Tensor.of(-inf, -inf).to(dev.chainrule.autodiff.DType.FLOAT32).logSumExp(0, false).item());
    assertEquals(-inf, Tensor.zeros(0).logSumExp(0, false).item()); // log of an empty sum, as in PyTorch
    assertArrayEquals(new double[] {-inf, -inf}, Tensor.zeros(2, 0).logSumExp(new int[] {1}, false)
        .toDoubleArray());
    assertEquals(Shape.of(0), Tensor.zeros(0, 3).logSumExp(new int[] {1}, false).shape());
  }

  @Test
  void varianceWithNoDegreesOfFreedomIsNanOrInfinity() {
    // PyTorch divides by max(0, n - correction): 0/0 for a constant group, positive/0 otherwise.
    assertTrue(Double.isNaN(Tensor.of(1.0).var().item()));
    assertEquals(Double.POSITIVE_INFINITY, Tensor.of(1.0, 2.0).var(new int[] {0}, 3, false).item());
    assertTrue(Double.isNaN(Tensor.of(1.0, 1.0).var(new int[] {0}, 3, false).item()));
    assertEquals(Double.POSITIVE_INFINITY, Tensor.of(1.0, 2.0).var(new int[] {0}, 2, false).item());
    assertEquals(Double.POSITIVE_INFINITY, Tensor.of(1.0, 2.0).std(new int[] {0}, 2, false).item());
    assertTrue(Double.isNaN(Tensor.zeros(0).var(new int[] {0}, 0, false).item()));
    assertTrue(Double.isNaN(Tensor.of(1.0, Double.NaN).var().item()));
  }

  @Test
  void badArgumentsAreRefusedNamingTheOpTheShapeAndWhatWasExpected() {
    Tensor x = Tensor.zeros(2, 3);
    assertEquals("select: index 3 is out of range for axis 1 of shape (2, 3) (size 3; expected an index in"
        + " [-3, 3))", refused(() -> x.select(1, 3)));
    assertEquals("select: index -4 is out of range for axis -1 of shape (2, 3) (size 3; expected an index in"
        + " [-3, 3))", refused(() -> x.select(-1, -4)));
    assertEquals("select: axis 2 is out of range for shape (2, 3) (rank 2)", refused(() -> x.select(2, 0)));
    assertEquals("slice: step 0 for axis 1 of shape (2, 3) must be at least 1 (flip for a reversed order)",
        refused(() -> x.slice(1, 0, 3, 0)));
    assertEquals("slice: axis -3 is out of range for shape (2, 3) (rank 2)", refused(() -> x.slice(-3, 0, 1)));
    assertEquals("chunk: cannot cut axis 0 of shape (2, 3) into 0 pieces; n must be at least 1",
        refused(() -> x.chunk(0, 0)));
    assertEquals("chunk: axis 2 is out of range for shape (2, 3) (rank 2)", refused(() -> x.chunk(2, 2)));
    assertEquals("split: piece size 0 for axis 1 of shape (2, 3) (size 3) must be at least 1",
        refused(() -> x.split(0, 1)));
    assertEquals("split: sizes [1, 1] add up to 2 but axis 1 of shape (2, 3) has size 3",
        refused(() -> x.split(new int[] {1, 1}, 1)));
    assertEquals("split: sizes [4, -1] for axis 1 of shape (2, 3) include a negative size",
        refused(() -> x.split(new int[] {4, -1}, 1)));
    assertEquals("flip: axis -1 is given twice for shape (2, 3)", refused(() -> x.flip(1, -1)));
    assertEquals("flip: axis 2 is out of range for shape (2, 3) (rank 2)", refused(() -> x.flip(2)));
    assertEquals("cumsum: axis 2 is out of range for shape (2, 3) (rank 2)", refused(() -> x.cumsum(2)));
    assertEquals("triu: tensor of shape (3,) has rank 1; it needs at least 2 axes (the last two are the matrix)",
        refused(() -> Tensor.zeros(3).triu(0)));
    assertEquals("tril: tensor of shape () has rank 0; it needs at least 2 axes (the last two are the matrix)",
        refused(() -> Tensor.scalar(1).tril(0)));
    assertEquals("logSumExp: axis -2 is given twice for shape (2, 3)",
        refused(() -> x.logSumExp(new int[] {0, -2}, false)));
    assertEquals("var: axis 5 is out of range for shape (2, 3) (rank 2)",
        refused(() -> x.var(new int[] {5}, 1, false)));
    assertEquals("std: axis 1 is given twice for shape (2, 3)", refused(() -> x.std(new int[] {1, 1}, 1, false)));
  }
}
