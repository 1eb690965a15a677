package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Hand-computed values and gradients of the elementwise ops, their edge cases and their error messages. */
class ElementwiseTest {
  private static final double TOL = 1e-12;

  private static Tensor vec(double... values) {
    return Tensor.of(values);
  }

  /** The gradient of {@code sum(f(x))} at {@code x}. */
  private static double[] gradOfSum(UnaryOperator<Tensor> f, double... x) {
    Tensor leaf = vec(x).requiresGrad();
    f.apply(leaf).sum().backward();
    return leaf.grad().toDoubleArray();
  }

  @Test
  void subValuesAndGradients() {
    Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad();
    Tensor b = vec(10, 20, 30).requiresGrad();
    Tensor y = a.sub(b);
    assertArrayEquals(new double[] {-9, -18, -27, -6, -15, -24}, y.toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {-2, -2, -2}, b.grad().toDoubleArray()); // summed over the broadcast rows
    assertArrayEquals(new double[] {-1, 0.5}, vec(1, 2.5).sub(2).toDoubleArray());
    assertArrayEquals(new double[] {1, -0.5}, vec(1, 2.5).rsub(2).toDoubleArray());
  }

  @Test
  void divValuesAndGradients() {
    Tensor a = vec(1, 6).requiresGrad();
    Tensor b = vec(4, 3).requiresGrad();
    Tensor y = a.div(b);
    assertArrayEquals(new double[] {0.25, 2}, y.toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[] {1 / 4.0, 1 / 3.0}, a.grad().toDoubleArray(), TOL); // 1 / b
    assertArrayEquals(new double[] {-1 / 16.0, -6 / 9.0}, b.grad().toDoubleArray(), TOL); // -a / b^2
    assertArrayEquals(new double[] {0.5, 1.25}, vec(1, 2.5).div(2).toDoubleArray());
    assertArrayEquals(new double[] {0.5, -4}, vec(2, -0.25).reciprocal().toDoubleArray());
  }

  @Test
  void divisionByZeroFollowsIeee() {
    double[] y = vec(1, -1, 0).div(vec(0, 0, 0)).toDoubleArray();
    assertEquals(Double.POSITIVE_INFINITY, y[0]);
    assertEquals(Double.NEGATIVE_INFINITY, y[1]);
    assertTrue(Double.isNaN(y[2]));
  }

  @Test
  void negValuesAndGradient() {
    assertArrayEquals(new double[] {-1, 2, -0.0}, vec(1, -2, 0).neg().toDoubleArray());
    assertArrayEquals(new double[] {-1, -1}, gradOfSum(Tensor::neg, 3, -4));
  }

  @Test
  void powOfTensorsValuesAndGradients() {
    Tensor a = vec(2, 9).requiresGrad();
    Tensor b = vec(3, 0.5).requiresGrad();
    Tensor y = a.pow(b);
    assertArrayEquals(new double[] {8, 3}, y.toDoubleArray(), TOL);
    y.sum().backward();
    // b * a^(b - 1): 3 * 2^2 = 12, 0.5 / sqrt(9) = 1/6; a^b * ln a: 8 ln 2, 3 ln 9.
    assertArrayEquals(new double[] {12, 1 / 6.0}, a.grad().toDoubleArray(), TOL);
    assertArrayEquals(new double[] {8 * Math.log(2), 3 * Math.log(9)}, b.grad().toDoubleArray(), TOL);
  }

  @Test
  void powOfTensorsAtZeroBaseHasAFiniteExponentGradient() {
    Tensor a = vec(0, 0).requiresGrad();
    Tensor b = vec(2, 0).requiresGrad();
    a.pow(b).sum().backward();
    assertArrayEquals(new double[] {0, 0}, b.grad().toDoubleArray()); // 0^b is constant in b for b >= 0
    assertArrayEquals(new double[] {0, 0}, a.grad().toDoubleArray()); // 2 * 0^1 = 0; 0 where b = 0, not 0 * inf
  }

  @Test
  void powScalarValuesAndGradients() {
    assertArrayEquals(new double[] {0, 4, 9}, vec(0, 2, -3).pow(2).toDoubleArray());
    assertArrayEquals(new double[] {0, 4, -6}, gradOfSum(x -> x.pow(2), 0, 2, -3)); // 2x, 0 at 0
    assertArrayEquals(new double[] {2, 4}, vec(4, 16).pow(0.5).toDoubleArray(), TOL);
    assertArrayEquals(new double[] {0.25, 0.125}, gradOfSum(x -> x.pow(0.5), 4, 16), TOL); // 1 / (2 sqrt x)
    assertArrayEquals(new double[] {1, 1}, vec(0, 5).pow(0).toDoubleArray());
    assertArrayEquals(new double[] {0, 0}, gradOfSum(x -> x.pow(0), 0, 5)); // not 0 * 0^-1 = NaN
    assertArrayEquals(new double[] {-0.25}, gradOfSum(x -> x.pow(-1), 2), TOL); // -1 / x^2
  }

  @Test
  void expLogSqrtValuesAndGradients() {
    assertArrayEquals(new double[] {1, Math.E}, vec(0, 1).exp().toDoubleArray(), TOL);
    assertArrayEquals(new double[] {1, Math.E}, gradOfSum(Tensor::exp, 0, 1), TOL);
    assertArrayEquals(new double[] {0, 1}, vec(1, Math.E).log().toDoubleArray(), TOL);
    assertArrayEquals(new double[] {0.5, 0.25}, gradOfSum(Tensor::log, 2, 4), TOL);
    assertArrayEquals(new double[] {2, 3}, vec(4, 9).sqrt().toDoubleArray(), TOL);
    assertArrayEquals(new double[] {0.25, 1 / 6.0}, gradOfSum(Tensor::sqrt, 4, 9), TOL);
  }

  @Test
  void logAndSqrtAtTheEdgeOfTheirDomain() {
    double[] log = vec(0, -1).log().toDoubleArray();
    assertEquals(Double.NEGATIVE_INFINITY, log[0]);
    assertTrue(Double.isNaN(log[1]));
    assertEquals(Double.POSITIVE_INFINITY, gradOfSum(Tensor::log, 0)[0]);
    assertEquals(0.0, vec(0).sqrt().item());
    assertEquals(Double.POSITIVE_INFINITY, gradOfSum(Tensor::sqrt, 0)[0]);
    assertTrue(Double.isNaN(vec(-4).sqrt().item()));
  }

  @Test
  void absAndReluAndLeakyReluValuesAndGradientsIncludingTheKink() {
    assertArrayEquals(new double[] {2, 0, 3}, vec(-2, 0, 3).abs().toDoubleArray());
    assertArrayEquals(new double[] {-1, 0, 1}, gradOfSum(Tensor::abs, -2, 0, 3));
    assertArrayEquals(new double[] {0, 0, 2}, vec(-1, 0, 2).relu().toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 1}, gradOfSum(Tensor::relu, -1, 0, 2));
    assertArrayEquals(new double[] {-0.2, 0, 3}, vec(-2, 0, 3).leakyRelu(0.1).toDoubleArray(), TOL);
    assertArrayEquals(new double[] {0.1, 0.1, 1}, gradOfSum(x -> x.leakyRelu(0.1), -2, 0, 3), TOL);
  }

  /** relu(NaN) was 0 in both types, so one NaN feature silently trained a network to chance. */
  @Test
  void reluOfNanIsNanWithANanGradient() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      // 17 elements: the vector loop and the scalar tail both see a NaN
      double[] values = new double[17];
      values[3] = Double.NaN;
      values[16] = Double.NaN;
      Tensor x = Tensor.of(dtype, values, 17).requiresGrad();
      Tensor y = x.relu();
      assertTrue(Double.isNaN(y.get(3)) && Double.isNaN(y.get(16)), dtype + ": " + y);
      y.sum().backward();
      assertTrue(Double.isNaN(x.grad().get(3)) && Double.isNaN(x.grad().get(16)), dtype + ": " + x.grad());
      assertEquals(0.0, x.grad().get(0), dtype.toString());
    }
  }

  /**
   * ReluBackward is {@code g * relu'(x)} in IEEE arithmetic: a NaN or infinite {@code g} where {@code x <= 0} is
   * NaN, not masked to 0 (PyTorch's threshold_backward gives 0 there); a finite {@code g} gives +0.
   */
  @Test
  void reluBackwardNeverMasksANanGradient() {
    double nan = Double.NaN;
    double inf = Double.POSITIVE_INFINITY;
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor g = Tensor.of(dtype, new double[] {nan, nan, inf, -3, -3, 5, nan, -inf, 2}, 9);
      Tensor x = Tensor.of(dtype, new double[] {-1, 2, 0, -0.0, 0, 1, nan, 3, nan}, 9);
      double[] y = new ReluBackward().apply(g, x).toDoubleArray();
      double[] expected = {nan, nan, nan, 0, 0, 5, nan, -inf, nan};
      for (int i = 0; i < y.length; i++) {
        assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(y[i]),
            dtype + " at " + i + ": " + y[i]);
      }
    }
  }

  @Test
  void leakyReluOfNanIsNanWithANanGradient() {
    Tensor x = vec(Double.NaN, -1).requiresGrad();
    Tensor y = x.leakyRelu(0.1);
    assertTrue(Double.isNaN(y.get(0)));
    y.sum().backward();
    assertTrue(Double.isNaN(x.grad().get(0)), x.grad().toString());
    assertEquals(0.1, x.grad().get(1), TOL);
  }

  @Test
  void maximumMinimumAndClampKeepNanAndGiveItANanGradient() {
    Tensor a = vec(Double.NaN, 1, 2).requiresGrad();
    Tensor b = vec(0, Double.NaN, 3).requiresGrad();
    Tensor y = a.maximum(b).add(a.minimum(b)).add(a.clamp(-1, 1));
    assertTrue(Double.isNaN(y.get(0)) && Double.isNaN(y.get(1)), y.toString());
    assertEquals(2 + 3 + 1, y.get(2), TOL);
    y.sum().backward();
    assertTrue(Double.isNaN(a.grad().get(0)) && Double.isNaN(a.grad().get(1)), a.grad().toString());
    assertTrue(Double.isNaN(b.grad().get(0)) && Double.isNaN(b.grad().get(1)), b.grad().toString());
    assertEquals(1 + 0, a.grad().get(2), TOL); // minimum's 2 and nothing from clamp's bound
    assertEquals(1, b.grad().get(2), TOL);
  }

  @Test
  void sigmoidAndTanhValuesAndGradients() {
    // sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4, slope 3/4 * 1/4; tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 3/5, slope 16/25.
    assertArrayEquals(new double[] {0.5, 0.75}, vec(0, Math.log(3)).sigmoid().toDoubleArray(), TOL);
    assertArrayEquals(new double[] {0.25, 0.1875}, gradOfSum(Tensor::sigmoid, 0, Math.log(3)), TOL);
    assertArrayEquals(new double[] {0, 0.6}, vec(0, Math.log(2)).tanh().toDoubleArray(), TOL);
    assertArrayEquals(new double[] {1, 0.64}, gradOfSum(Tensor::tanh, 0, Math.log(2)), TOL);
  }

  @Test
  void sigmoidAndTanhAreStableForHugeInputs() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = Tensor.of(dtype, new double[] {-1000, 1000}, 2).requiresGrad();
      Tensor s = x.sigmoid();
      assertArrayEquals(new double[] {0, 1}, s.toDoubleArray(), dtype.toString());
      s.sum().backward();
      assertArrayEquals(new double[] {0, 0}, x.grad().toDoubleArray(), dtype.toString());
      x.zeroGrad();
      Tensor t = x.tanh();
      assertArrayEquals(new double[] {-1, 1}, t.toDoubleArray(), dtype.toString());
      t.sum().backward();
      assertArrayEquals(new double[] {0, 0}, x.grad().toDoubleArray(), dtype.toString());
    }
  }

  @Test
  void secondDerivativesByHand() {
    // d2/dx2 e^x = e^x; d2/dx2 tanh x = -2 tanh x (1 - tanh^2 x) = -2 * 0.6 * 0.64 at ln 2;
    // d2/dx2 sigmoid = s (1 - s)(1 - 2s) = 0.1875 * -0.5 at ln 3; d2/da db (a / b) = -1 / b^2.
    assertEquals(Math.E, secondDerivative(Tensor::exp, 1), TOL);
    assertEquals(-0.768, secondDerivative(Tensor::tanh, Math.log(2)), TOL);
    assertEquals(-0.09375, secondDerivative(Tensor::sigmoid, Math.log(3)), TOL);
    Tensor a = vec(3).requiresGrad();
    Tensor b = vec(2).requiresGrad();
    Tensor dyda = Autograd.grad(a.div(b).sum(), List.of(a), true).get(0);
    assertEquals(-0.25, Autograd.grad(dyda.sum(), List.of(b), false).get(0).item(), TOL);
  }

  private static double secondDerivative(UnaryOperator<Tensor> f, double at) {
    Tensor x = vec(at).requiresGrad();
    Tensor g = Autograd.grad(f.apply(x).sum(), List.of(x), true).get(0);
    return Autograd.grad(g.sum(), List.of(x), false).get(0).item();
  }

  @Test
  void whereSelectsWithThreeWayBroadcastingAndRoutesGradients() {
    Tensor mask = Tensor.of(new double[] {1, 0}, 2, 1).requiresGrad(); // even a mask that asks gets none
    Tensor a = vec(1, 2, 3).requiresGrad();
    Tensor b = Tensor.scalar(DType.FLOAT64, 9).requiresGrad();
    Tensor y = Tensor.where(mask, a, b);
    assertEquals(Shape.of(2, 3), y.shape());
    assertArrayEquals(new double[] {1, 2, 3, 9, 9, 9}, y.toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[] {1, 1, 1}, a.grad().toDoubleArray());
    assertEquals(3.0, b.grad().item());
    assertNull(mask.grad());
  }

  @Test
  void whereKeepsSignedZerosAndNaNsOfTheSelectedOperand() {
    Tensor y = Tensor.where(vec(1, 1, 0), vec(-0.0, Double.NaN, 5), vec(7));
    double[] v = y.toDoubleArray();
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v[0]));
    assertTrue(Double.isNaN(v[1]));
    assertEquals(7.0, v[2]);
  }

  @Test
  void maximumAndMinimumValuesNaNAndTies() {
    Tensor a = vec(1, 5, Double.NaN, 2);
    Tensor b = vec(3, 4, 0, Double.NaN);
    double[] max = a.maximum(b).toDoubleArray();
    double[] min = a.minimum(b).toDoubleArray();
    assertArrayEquals(new double[] {3, 5}, new double[] {max[0], max[1]});
    assertArrayEquals(new double[] {1, 4}, new double[] {min[0], min[1]});
    assertTrue(Double.isNaN(max[2]) && Double.isNaN(max[3]), "maximum propagates NaN from either side");
    assertTrue(Double.isNaN(min[2]) && Double.isNaN(min[3]), "minimum propagates NaN from either side");
    Tensor p = vec(2, 1).requiresGrad();
    Tensor q = vec(2, 3).requiresGrad();
    p.maximum(q).sum().backward();
    assertArrayEquals(new double[] {1, 0}, p.grad().toDoubleArray()); // the tie goes to this
    assertArrayEquals(new double[] {0, 1}, q.grad().toDoubleArray());
  }

  @Test
  void clampValuesAndGradients() {
    double[] x = {-2, -0.5, 0, 0.5, 2};
    assertArrayEquals(new double[] {-0.5, -0.5, 0, 0.5, 0.5}, vec(x).clamp(-0.5, 0.5).toDoubleArray());
    assertArrayEquals(new double[] {0, 1, 1, 1, 0}, gradOfSum(t -> t.clamp(-0.5, 0.5), x)); // bounds pass
    assertArrayEquals(new double[] {0, 0, 0, 0.5, 2}, vec(x).clampMin(0).toDoubleArray());
    assertArrayEquals(new double[] {-2, -0.5, 0, 0, 0}, vec(x).clampMax(0).toDoubleArray());
    assertArrayEquals(x, vec(x).clamp(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).toDoubleArray());
    assertTrue(Double.isNaN(vec(Double.NaN).clamp(0, 1).item()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vec(x).clamp(1, 0));
    assertTrue(e.getMessage().startsWith("clamp: min 1.0 must not be greater than max 0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> vec(x).clamp(Double.NaN, 0));
  }

  @Test
  void squareAndReciprocal() {
    assertArrayEquals(new double[] {9, 0.25}, vec(-3, 0.5).square().toDoubleArray());
    assertArrayEquals(new double[] {-6, 1}, gradOfSum(Tensor::square, -3, 0.5));
    assertArrayEquals(new double[] {-0.25}, gradOfSum(Tensor::reciprocal, 2), TOL);
  }

  @Test
  void float32InputsGiveFloat32ResultsRoundedFromTheExactValue() {
    float[] x = {0.25f, 0.5f, 1.5f, 2.75f};
    Map<String, UnaryOperator<Tensor>> ops = new LinkedHashMap<>();
    Map<String, DoubleUnaryOperator> exact = new LinkedHashMap<>();
    ops.put("neg", Tensor::neg);
    exact.put("neg", v -> -v);
    ops.put("exp", Tensor::exp);
    exact.put("exp", Math::exp);
    ops.put("log", Tensor::log);
    exact.put("log", Math::log);
    ops.put("sqrt", Tensor::sqrt);
    exact.put("sqrt", Math::sqrt);
    ops.put("sigmoid", Tensor::sigmoid);
    exact.put("sigmoid", v -> 1 / (1 + Math.exp(-v)));
    ops.put("tanh", Tensor::tanh);
    exact.put("tanh", Math::tanh);
    ops.put("pow(1.5)", t -> t.pow(1.5));
    exact.put("pow(1.5)", v -> Math.pow(v, 1.5));
    ops.put("sub(0.1)", t -> t.sub(0.1));
    exact.put("sub(0.1)", v -> v - 0.1f);
    ops.put("div(3)", t -> t.div(3));
    exact.put("div(3)", v -> v / 3);
    ops.put("leakyRelu", t -> t.neg().leakyRelu(0.5));
    exact.put("leakyRelu", v -> -0.5 * v);
    for (String name : ops.keySet()) {
      Tensor y = ops.get(name).apply(Tensor.of(x));
      assertEquals(DType.FLOAT32, y.dtype(), name);
      for (int i = 0; i < x.length; i++) {
        float expected = (float) exact.get(name).applyAsDouble(x[i]);
        // One float32 rounding of the exact value (half an ulp); the float32 scalar operand adds its own rounding.
        assertEquals(expected, (float) y.get(i), Math.ulp(expected), name + " at " + x[i]);
      }
    }
  }

  @Test
  void float32AndFloat64OperandsPromoteButScalarsDoNot() {
    Tensor f = Tensor.of(1f, 2f);
    Tensor d = vec(0.5, 0.25);
    assertEquals(DType.FLOAT64, f.sub(d).dtype());
    assertEquals(DType.FLOAT64, f.div(d).dtype());
    assertEquals(DType.FLOAT64, f.pow(d).dtype());
    assertEquals(DType.FLOAT64, Tensor.where(f.gt(1.5), f, d).dtype());
    assertEquals(DType.FLOAT32, Tensor.where(d.gt(0.3), f, f).dtype()); // the mask's type does not matter
    assertEquals(DType.FLOAT32, f.sub(0.5).dtype());
    assertEquals(DType.FLOAT32, f.pow(2.0).dtype());
    assertEquals(DType.FLOAT32, f.maximum(f.neg()).dtype());
  }

  @Test
  void broadcastMismatchNamesTheOpAndBothShapes() {
    Tensor a = Tensor.zeros(DType.FLOAT64, 2, 3);
    Tensor b = Tensor.zeros(DType.FLOAT64, 4);
    Map<String, Runnable> ops = new LinkedHashMap<>();
    ops.put("sub", () -> a.sub(b));
    ops.put("div", () -> a.div(b));
    ops.put("pow", () -> a.pow(b));
    ops.put("gt", () -> a.gt(b));
    ops.put("eq", () -> a.eq(b));
    for (Map.Entry<String, Runnable> op : ops.entrySet()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op.getValue()::run);
      assertTrue(e.getMessage().startsWith(op.getKey() + ": shapes (2, 3) and (4,) cannot be broadcast"),
          e.getMessage());
      assertTrue(e.getMessage().contains("(3)") && e.getMessage().contains("(4)"), e.getMessage());
    }
  }

  @Test
  void whereMismatchNamesAllThreeShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.where(
        Tensor.ones(DType.FLOAT64, 2, 1), Tensor.zeros(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 4)));
    assertTrue(e.getMessage().startsWith("where: mask, a and b of shapes (2, 1), (3,) and (4,) cannot be"
        + " broadcast together"), e.getMessage());
  }

  /**
   * At +-1000 and +-inf the smooth activations give their limits, with no NaN from {@code inf * 0}: softplus
   * (-1000) = 0 and (1000) = 1000; silu and gelu are -0 at -inf (PyTorch: NaN) and their gradients 0 and 1 (PyTorch:
   * NaN at +-inf); erf is +-1 with gradient 0. Repeated, so that the vector loops run too.
   */
  @Test
  void smoothActivationsAtHugeArgumentsGiveTheirLimits() {
    double inf = Double.POSITIVE_INFINITY;
    double[] x = {-inf, -1000, 1000, inf};
    Map<String, UnaryOperator<Tensor>> ops = new LinkedHashMap<>();
    ops.put("softplus", Tensor::softplus);
    ops.put("silu", Tensor::silu);
    ops.put("gelu", Tensor::gelu);
    ops.put("erf", Tensor::erf);
    Map<String, double[][]> expected = Map.of(
        "softplus", new double[][] {{0, 0, 1000, inf}, {0, 0, 1, 1}},
        "silu", new double[][] {{-0.0, -0.0, 1000, inf}, {0, 0, 1, 1}},
        "gelu", new double[][] {{-0.0, -0.0, 1000, inf}, {0, 0, 1, 1}},
        "erf", new double[][] {{-1, -1, 1, 1}, {0, 0, 0, 0}});
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] repeated = new double[x.length * 9];
      for (int i = 0; i < repeated.length; i++) {
        repeated[i] = x[i % x.length];
      }
      for (Map.Entry<String, UnaryOperator<Tensor>> op : ops.entrySet()) {
        Tensor leaf = Tensor.of(dtype, repeated, repeated.length).requiresGrad();
        Tensor y = op.getValue().apply(leaf);
        y.sum().backward();
        for (int i = 0; i < repeated.length; i++) {
          double[][] e = expected.get(op.getKey());
          String at = dtype + " " + op.getKey() + "(" + repeated[i] + ")";
          assertEquals(e[0][i % x.length], y.get(i), 0.0, at);
          assertEquals(e[1][i % x.length], leaf.grad().get(i), 0.0, at + " gradient");
        }
      }
    }
  }
}
