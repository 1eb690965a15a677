package dev.chainrule.autodiff.kernel;

import static dev.chainrule.autodiff.kernel.KernelArrays.close;
import static dev.chainrule.autodiff.kernel.KernelArrays.toFloat;
import static dev.chainrule.autodiff.kernel.KernelArrays.values;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The vector elementwise kernels compute what {@link ScalarMath} defines. Tolerances: ops that are one
 * correctly rounded IEEE operation (neg, abs, sqrt, +, -, *, /, comparisons, max, min) must match exactly;
 * lane-wise EXP/LOG/TANH/POW are within about 1 ulp, plus a few ulp for sigmoid's extra add and divide, so
 * float allows 4e-6 relative and double 1e-14 relative, with an absolute floor at the smallest normals where
 * subnormal results lose relative precision; leaky ReLU in float multiplies by {@code (float) p}, one extra
 * rounding.
 */
class ElementwiseProperties {
  private static final Kernels VECTOR = VectorKernels.INSTANCE;
  private static final Kernels SCALAR = ScalarKernels.INSTANCE;

  @Provide
  Arbitrary<Integer> sizes() {
    return KernelArrays.sizes();
  }

  @Provide
  Arbitrary<Double> params() {
    return Arbitraries.of(0.01, 0.2, 0.5, 2.0, 3.0, -1.0, 1.5);
  }

  @Property(tries = 50)
  void unaryFloatMatchesScalar(@ForAll UnaryOp op, @ForAll("params") double p, @ForAll("sizes") int n,
      @ForAll long seed) {
    float[] x = toFloat(values(seed, n + 3, 4, true));
    float[] expected = new float[n + 1];
    float[] actual = new float[n + 1];
    SCALAR.unary(op, p, x, 3, expected, 1, n);
    VECTOR.unary(op, p, x, 3, actual, 1, n);
    double rel = switch (op) {
      case NEG, ABS, SQRT, SIGN, RELU -> 0;
      case LEAKY_RELU -> 3e-7;
      default -> 4e-6;
    };
    for (int i = 0; i <= n; i++) {
      int at = i;
      assertTrue(close(expected[i], actual[i], rel, rel == 0 ? 0 : 4 * Float.MIN_NORMAL),
          () -> op + "(" + x[2 + at] + ") at " + at + ": expected " + expected[at] + " got " + actual[at]);
    }
  }

  @Property(tries = 50)
  void unaryDoubleMatchesScalar(@ForAll UnaryOp op, @ForAll("params") double p, @ForAll("sizes") int n,
      @ForAll long seed) {
    double[] x = values(seed, n + 2, 4, true);
    double[] expected = new double[n];
    double[] actual = new double[n];
    SCALAR.unary(op, p, x, 2, expected, 0, n);
    VECTOR.unary(op, p, x, 2, actual, 0, n);
    double rel = switch (op) {
      case NEG, ABS, SQRT, SIGN, RELU, LEAKY_RELU -> 0;
      default -> 1e-14;
    };
    for (int i = 0; i < n; i++) {
      int at = i;
      assertTrue(close(expected[i], actual[i], rel, rel == 0 ? 0 : 4 * Double.MIN_NORMAL),
          () -> op + "(" + x[2 + at] + "): expected " + expected[at] + " got " + actual[at]);
    }
  }

  @Property(tries = 50)
  void binaryFloatMatchesScalar(@ForAll BinaryOp op, @ForAll boolean aScalar, @ForAll boolean bScalar,
      @ForAll("sizes") int n, @ForAll long seed) {
    float[] a = toFloat(values(seed, n + 1, op == BinaryOp.POW ? 1.5 : 4, true));
    float[] b = toFloat(values(seed + 1, n + 2, op == BinaryOp.POW ? 1.5 : 4, true));
    if (op == BinaryOp.EQ || op == BinaryOp.NE) {
      System.arraycopy(a, 1, b, 2, n / 2); // equal pairs too
    }
    float[] expected = new float[n];
    float[] actual = new float[n];
    SCALAR.binary(op, a, 1, aScalar, b, 2, bScalar, expected, 0, n);
    VECTOR.binary(op, a, 1, aScalar, b, 2, bScalar, actual, 0, n);
    double rel = op == BinaryOp.POW ? 4e-6 : 0;
    for (int i = 0; i < n; i++) {
      int at = i;
      assertTrue(close(expected[i], actual[i], rel, rel == 0 ? 0 : 4 * Float.MIN_NORMAL),
          () -> op + "(" + a[1 + (aScalar ? 0 : at)] + ", " + b[2 + (bScalar ? 0 : at)] + "): expected "
              + expected[at] + " got " + actual[at]);
    }
  }

  @Property(tries = 50)
  void binaryDoubleMatchesScalar(@ForAll BinaryOp op, @ForAll boolean aScalar, @ForAll boolean bScalar,
      @ForAll("sizes") int n, @ForAll long seed) {
    double[] a = values(seed, n + 1, op == BinaryOp.POW ? 1.5 : 4, true);
    double[] b = values(seed + 1, n + 1, op == BinaryOp.POW ? 1.5 : 4, true);
    if (op == BinaryOp.EQ || op == BinaryOp.NE) {
      System.arraycopy(a, 0, b, 1, n / 2);
    }
    double[] expected = new double[n + 2];
    double[] actual = new double[n + 2];
    SCALAR.binary(op, a, 0, aScalar, b, 1, bScalar, expected, 2, n);
    VECTOR.binary(op, a, 0, aScalar, b, 1, bScalar, actual, 2, n);
    double rel = op == BinaryOp.POW ? 1e-14 : 0;
    for (int i = 0; i < n + 2; i++) {
      int at = i;
      assertTrue(close(expected[i], actual[i], rel, rel == 0 ? 0 : 4 * Double.MIN_NORMAL),
          () -> op + " at " + at + ": expected " + expected[at] + " got " + actual[at]);
    }
  }

  @Property(tries = 20)
  void sigmoidIsFiniteForHugeArguments(@ForAll("sizes") int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1000f : 1000f;
    }
    float[] out = new float[n];
    VECTOR.unary(UnaryOp.SIGMOID, 0, x, 0, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertTrue(out[i] == (i % 2 == 0 ? 0f : 1f), "sigmoid(" + x[i] + ") = " + out[i]);
    }
  }
}
