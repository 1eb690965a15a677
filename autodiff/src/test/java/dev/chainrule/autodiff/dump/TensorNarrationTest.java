package dev.chainrule.autodiff.dump;

import static dev.chainrule.autodiff.dump.TraceFormat.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.MatMul;
import dev.chainrule.autodiff.testing.Generators;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The narrated backward pass of tensor graphs: each step written as its op's gradient formula with the
 * operands' shapes. The numbers in the expected text are worked out here in plain arrays, by the formulas of
 * backpropagation, not read from the framework.
 */
class TensorNarrationTest {

  /**
   * A 2-layer MLP on a mini-batch of 4 samples, 3 features, 2 tanh hidden units, 3 classes:
   * {@code H = tanh(X W1 + b1)}, {@code P = logSoftmax(H W2 + b2)}, {@code L = -sum(P * Y) / 4}.
   */
  @Test
  void narratesATwoLayerMlpOnAMiniBatch() {
    double[][] x = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
    double[][] w1 = {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}};
    double[] b1 = {0.1, -0.1};
    double[][] w2 = {{0.5, -0.5, 0.25}, {0.75, 1, -1}};
    double[] b2 = {0, 0.1, 0.2};
    double[][] y = {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}};

    Tensor tx = matrix(x).named("X");
    Tensor tw1 = matrix(w1).named("W1").requiresGrad();
    Tensor tb1 = Tensor.of(b1).named("b1").requiresGrad();
    Tensor tw2 = matrix(w2).named("W2").requiresGrad();
    Tensor tb2 = Tensor.of(b2).named("b2").requiresGrad();
    Tensor h = tx.matmul(tw1).add(tb1).named("Z1").tanh().named("H");
    Tensor p = h.matmul(tw2).add(tb2).named("Z2").logSoftmax(1).named("P");
    Tensor loss = p.mul(matrix(y).named("Y")).sum().div(-4).named("L");
    BackwardTrace trace = BackwardTrace.record(loss::backward);

    // Backpropagation by hand: dZ2 = (softmax(Z2) - Y) / 4, then back through both layers.
    double[][] hv = map(add(mul(x, w1), b1), Math::tanh);
    double[][] z2 = add(mul(hv, w2), b2);
    double[][] dz2 = new double[4][3];
    for (int i = 0; i < 4; i++) {
      double total = Arrays.stream(z2[i]).map(Math::exp).sum();
      for (int j = 0; j < 3; j++) {
        dz2[i][j] = (Math.exp(z2[i][j]) / total - y[i][j]) / 4;
      }
    }
    double[][] dh = mul(dz2, transpose(w2));
    double[][] dz1 = new double[4][2];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 2; j++) {
        dz1[i][j] = dh[i][j] * (1 - hv[i][j] * hv[i][j]);
      }
    }
    double[] db2 = columnSums(dz2);
    double[][] dw2 = mul(transpose(hv), dz2);
    double[] db1 = columnSums(dz1);
    double[][] dw1 = mul(transpose(x), dz1);
    String nDz2 = number(norm(dz2));
    String nDh = number(norm(dh));
    String nDz1 = number(norm(dz1));

    assertEquals(List.of(
        "dL/dL = 1.0",
        "dL/dt2 += dL/dL * dL/dt2 = 1.0 * -0.25 = -0.25  (Div)",
        "dL/dt3 (4, 3) += expand(dL/dt2 () over axes [0, 1])  (Sum)  |dL/dt2| = 0.25  |+=| = "
            + number(Math.sqrt(12) / 4),
        "dL/dP (4, 3) += dL/dt3 (4, 3) * Y (4, 3)  (Mul)  |dL/dt3| = " + number(Math.sqrt(12) / 4)
            + "  |+=| = 0.5",
        "dL/dZ2 (4, 3) += dL/dP (4, 3) - exp(P) * sum(dL/dP, axis=1)  (LogSoftmax)  |dL/dP| = 0.5  |+=| = " + nDz2,
        "dL/dt7 (4, 3) += dL/dZ2 (4, 3)  (Add)  |dL/dZ2| = " + nDz2 + "  |+=| = " + nDz2,
        "dL/db2 (3,) += dL/dZ2 (4, 3), summed over the broadcast axes  (Add)  |dL/dZ2| = " + nDz2 + "  |+=| = "
            + number(norm(new double[][] {db2})),
        "dL/dH (4, 2) += dL/dt7 (4, 3) @ W2^T (3, 2)  (MatMul)  |dL/dt7| = " + nDz2 + "  |+=| = " + nDh,
        "dL/dW2 (2, 3) += H^T (2, 4) @ dL/dt7 (4, 3)  (MatMul)  |dL/dt7| = " + nDz2 + "  |+=| = "
            + number(norm(dw2)),
        "dL/dZ1 (4, 2) += dL/dH (4, 2) * (1 - H^2)  (Tanh)  |dL/dH| = " + nDh + "  |+=| = " + nDz1,
        "dL/dt12 (4, 2) += dL/dZ1 (4, 2)  (Add)  |dL/dZ1| = " + nDz1 + "  |+=| = " + nDz1,
        "dL/db1 (2,) += dL/dZ1 (4, 2), summed over the broadcast axes  (Add)  |dL/dZ1| = " + nDz1 + "  |+=| = "
            + number(norm(new double[][] {db1})),
        "dL/dW1 (3, 2) += X^T (3, 4) @ dL/dt12 (4, 2)  (MatMul)  |dL/dt12| = " + nDz1 + "  |+=| = "
            + number(norm(dw1)),
        "dL/db2 (3,) = " + values(db2),
        "dL/dW2 (2, 3) = " + values(flat(dw2)),
        "dL/db1 (2,) = " + values(db1),
        "dL/dW1 (3, 2) = " + values(flat(dw1))), trace.lines());
  }

  @Test
  void aScalarAddedToAVectorIsSummedBackAndAConstantFactorShowsItsValue() {
    Tensor x = Tensor.of(new double[] {1, 2, 3}).named("x");
    Tensor b = Tensor.of(new double[] {0.5}).reshape().named("b").requiresGrad();
    Tensor y = x.add(b).named("y");
    BackwardTrace trace = BackwardTrace.record(() -> y.mul(0.25).sum().named("L").backward());
    List<String> lines = trace.lines();
    // dL/dy is 0.25 everywhere, norm 0.25 sqrt(3); b was broadcast over the 3 elements, so it gets 3 * 0.25.
    assertEquals("dL/dy (3,) += dL/dt2 (3,) * 0.25  (Mul)  |dL/dt2| = " + number(Math.sqrt(3))
        + "  |+=| = " + number(0.25 * Math.sqrt(3)), lines.get(2));
    assertEquals("dL/db () += dL/dy (3,), summed over the broadcast axes  (Add)  |dL/dy| = "
        + number(0.25 * Math.sqrt(3)) + "  |+=| = 0.75", lines.get(3));
    assertTrue(trace.steps().get(2).broadcastUndone());
    assertEquals(Shape.of(3), trace.steps().get(2).returned().shape());
  }

  @Test
  void aCustomOpWithoutAFormulaGetsTheGenericForm() {
    Tensor x = Tensor.of(new double[] {1, 2, 3}).named("x").requiresGrad();
    Tensor y = new Twice().apply(x).named("y");
    List<String> lines = BackwardTrace.record(() -> y.sum().named("L").backward()).lines();
    assertEquals("dL/dx (3,) += Twice.backward(dL/dy (3,))[0]  (Twice)  |dL/dy| = " + number(Math.sqrt(3))
        + "  |+=| = " + number(2 * Math.sqrt(3)), lines.get(2));
  }

  private static final Pattern PRODUCT = Pattern.compile(
      "dL/d\\S+ \\((\\d+), (\\d+)\\) \\+= \\S+ \\((\\d+), (\\d+)\\) @ \\S+ \\((\\d+), (\\d+)\\)  \\(MatMul\\).*");

  /**
   * Whatever the transpose flags, the narrated product is well formed: the inner sizes of its two operands
   * agree, and its outer sizes are the shape of the input that receives it.
   */
  @Property(tries = 40)
  void matmulStepsMultiplyOperandsOfMatchingShapes(@ForAll @IntRange(min = 2, max = 5) int m,
      @ForAll @IntRange(min = 2, max = 5) int n, @ForAll @IntRange(min = 2, max = 5) int k,
      @ForAll boolean transA, @ForAll boolean transB, @ForAll long seed) {
    Tensor a = Generators.uniform(transA ? Shape.of(k, m) : Shape.of(m, k), seed, -1, 1).named("A")
        .requiresGrad();
    Tensor b = Generators.uniform(transB ? Shape.of(n, k) : Shape.of(k, n), seed + 1, -1, 1).named("B")
        .requiresGrad();
    Tensor c = new MatMul(transA, transB).apply(a, b).named("C");
    List<String> products = new ArrayList<>();
    for (String line : BackwardTrace.record(() -> c.mul(c).sum().backward()).lines()) {
      if (!line.contains("(MatMul)")) {
        continue;
      }
      products.add(line);
      Matcher matcher = PRODUCT.matcher(line);
      assertTrue(matcher.matches(), line);
      int[] d = new int[6];
      for (int i = 0; i < 6; i++) {
        d[i] = Integer.parseInt(matcher.group(i + 1));
      }
      assertEquals(d[3], d[4], "inner sizes differ: " + line);
      assertEquals(List.of(d[0], d[1]), List.of(d[2], d[5]), "the product does not have the input's shape: "
          + line);
    }
    assertEquals(2, products.size(), products.toString());
  }

  /** {@code y = 2x}, without a {@link Function#gradientFormula} of its own. */
  private static final class Twice extends Function {
    @Override
    protected Tensor forward(Tensor... inputs) {
      return inputs[0].mul(2);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.mul(2)};
    }
  }

  private static Tensor matrix(double[][] rows) {
    return Tensor.of(flat(rows), rows.length, rows[0].length);
  }

  private static double[] flat(double[][] rows) {
    return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[][] mul(double[][] p, double[][] q) {
    double[][] r = new double[p.length][q[0].length];
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < q[0].length; j++) {
        for (int l = 0; l < q.length; l++) {
          r[i][j] += p[i][l] * q[l][j];
        }
      }
    }
    return r;
  }

  private static double[][] add(double[][] p, double[] row) {
    double[][] r = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      r[i] = p[i].clone();
      for (int j = 0; j < row.length; j++) {
        r[i][j] += row[j];
      }
    }
    return r;
  }

  private static double[][] map(double[][] p, java.util.function.DoubleUnaryOperator f) {
    return Arrays.stream(p).map(row -> Arrays.stream(row).map(f).toArray()).toArray(double[][]::new);
  }

  private static double[][] transpose(double[][] p) {
    double[][] r = new double[p[0].length][p.length];
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p[0].length; j++) {
        r[j][i] = p[i][j];
      }
    }
    return r;
  }

  private static double[] columnSums(double[][] p) {
    return mul(new double[][] {filled(p.length)}, p)[0];
  }

  private static double[] filled(int n) {
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    return ones;
  }

  private static double norm(double[][] p) {
    return Math.sqrt(Arrays.stream(flat(p)).map(v -> v * v).sum());
  }

  private static String values(double[] v) {
    return Arrays.stream(v).mapToObj(TraceFormat::number).toList().toString();
  }
}
