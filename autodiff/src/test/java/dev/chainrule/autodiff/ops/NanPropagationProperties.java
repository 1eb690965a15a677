package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Generators;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A NaN anywhere in the input of a tensor op gives NaN in every output element that depends on it, in both
 * types, through the kernels in use; and where the op's derivative depends on the input's value (kinked ops
 * such as relu, clamp, maximum and max included), its gradient there is NaN too, never a number. Inputs mix
 * ordinary values with exact zeros, where the kinked ops select. The kernels themselves, vector and scalar,
 * are covered by {@code kernel.NanPropagationProperties}.
 */
class NanPropagationProperties {

  /** Elementwise ops of one tensor, and whether their derivative reads the input's value. */
  private record Unary(UnaryOperator<Tensor> f, boolean derivativeReadsInput) {}

  private static final Map<String, Unary> UNARY = Map.ofEntries(
      Map.entry("neg", new Unary(Tensor::neg, false)),
      Map.entry("exp", new Unary(Tensor::exp, true)),
      Map.entry("log", new Unary(Tensor::log, true)),
      Map.entry("sqrt", new Unary(Tensor::sqrt, true)),
      Map.entry("abs", new Unary(Tensor::abs, true)),
      Map.entry("sigmoid", new Unary(Tensor::sigmoid, true)),
      Map.entry("tanh", new Unary(Tensor::tanh, true)),
      Map.entry("sin", new Unary(Tensor::sin, true)),
      Map.entry("cos", new Unary(Tensor::cos, true)),
      Map.entry("erf", new Unary(Tensor::erf, true)),
      Map.entry("softplus", new Unary(Tensor::softplus, true)),
      Map.entry("silu", new Unary(Tensor::silu, true)),
      Map.entry("gelu", new Unary(Tensor::gelu, true)),
      Map.entry("relu", new Unary(Tensor::relu, true)),
      Map.entry("leakyRelu", new Unary(x -> x.leakyRelu(0.1), true)),
      Map.entry("pow 3", new Unary(x -> x.pow(3), true)),
      Map.entry("square", new Unary(Tensor::square, true)),
      Map.entry("reciprocal", new Unary(Tensor::reciprocal, true)),
      Map.entry("clamp", new Unary(x -> x.clamp(-0.5, 0.5), true)),
      Map.entry("clampMin", new Unary(x -> x.clampMin(0), true)),
      Map.entry("clampMax", new Unary(x -> x.clampMax(0), true)),
      Map.entry("maximum 0", new Unary(x -> x.maximum(Tensor.scalar(x.dtype(), 0)), true)),
      Map.entry("minimum 0", new Unary(x -> x.minimum(Tensor.scalar(x.dtype(), 0)), true)),
      Map.entry("to float64", new Unary(x -> x.to(DType.FLOAT64), false)),
      Map.entry("to float32", new Unary(x -> x.to(DType.FLOAT32), false)));

  /** Ops along one axis, kept with size 1 or not removed: an output element reads its line along the axis. */
  private record AlongAxis(BiFunction<Tensor, Integer, Tensor> f, boolean derivativeReadsInput) {}

  private static final Map<String, AlongAxis> ALONG_AXIS = Map.of(
      "sum", new AlongAxis((x, a) -> x.sum(new int[] {a}, true), false),
      "mean", new AlongAxis((x, a) -> x.mean(new int[] {a}, true), false),
      "max", new AlongAxis((x, a) -> x.max(new int[] {a}, true), true),
      "min", new AlongAxis((x, a) -> x.min(new int[] {a}, true), true),
      "logSoftmax", new AlongAxis(Tensor::logSoftmax, true),
      "softmax", new AlongAxis(Tensor::softmax, true),
      "logSumExp", new AlongAxis((x, a) -> x.logSumExp(a, true), true),
      "logSumExp over axes", new AlongAxis((x, a) -> x.logSumExp(new int[] {a}, true), true),
      "var", new AlongAxis((x, a) -> x.var(new int[] {a}, 0, true), true),
      "std", new AlongAxis((x, a) -> x.std(new int[] {a}, 1, true), true));

  private static final Map<String, BinaryOperator<Tensor>> BINARY = Map.of(
      "add", Tensor::add,
      "sub", Tensor::sub,
      "mul", Tensor::mul,
      "div", Tensor::div,
      "pow", Tensor::pow,
      "maximum", Tensor::maximum,
      "minimum", Tensor::minimum);

  @Provide
  Arbitrary<String> unaryOps() {
    return Arbitraries.of(UNARY.keySet());
  }

  @Provide
  Arbitrary<String> axisOps() {
    return Arbitraries.of(ALONG_AXIS.keySet());
  }

  @Provide
  Arbitrary<String> binaryOps() {
    return Arbitraries.of(BINARY.keySet());
  }

  @Provide
  Arbitrary<Shape> shapes() {
    return Generators.nonScalarShapes(3, 4);
  }

  @Provide
  Arbitrary<Shape[]> pairs() {
    return Generators.broadcastPairs(3, 4);
  }

  @Provide
  Arbitrary<Shape[]> triples() {
    return Generators.broadcastTuples(3, 3, 3);
  }

  @Provide
  Arbitrary<DType> dtypes() {
    return Arbitraries.of(DType.FLOAT32, DType.FLOAT64);
  }

  @Property(tries = 150)
  void elementwiseNanGivesNanAndANanGradient(@ForAll("unaryOps") String name, @ForAll("shapes") Shape shape,
      @ForAll("dtypes") DType dtype, @ForAll long seed) {
    Unary op = UNARY.get(name);
    int at = Math.floorMod(seed, shape.size());
    Tensor x = withNan(shape, dtype, seed, at).requiresGrad();
    Tensor y = op.f().apply(x);
    assertTrue(Double.isNaN(y.get(at)), () -> name + " " + dtype + ": NaN at " + at + " gave " + y.get(at));
    if (op.derivativeReadsInput()) {
      y.sum().backward();
      assertTrue(Double.isNaN(x.grad().get(at)), () -> name + " " + dtype + ": gradient at the NaN is "
          + x.grad().get(at));
    }
  }

  @Property(tries = 100)
  void alongAxisNanGivesNanOnItsLine(@ForAll("axisOps") String name, @ForAll("shapes") Shape shape,
      @ForAll("dtypes") DType dtype, @ForAll long seed) {
    AlongAxis op = ALONG_AXIS.get(name);
    int axis = Math.floorMod(seed >> 8, shape.rank());
    int at = Math.floorMod(seed, shape.size());
    Tensor x = withNan(shape, dtype, seed, at).requiresGrad();
    Tensor y = op.f().apply(x, axis);
    int[] nanAt = coords(shape, at);
    for (int e = 0; e < y.size(); e++) {
      int[] c = coords(y.shape(), e);
      if (sameExceptAlong(c, nanAt, axis)) {
        int o = e;
        assertTrue(Double.isNaN(y.get(e)), () -> name + " along " + axis + " " + dtype + ": output " + o
            + " reads the NaN at " + at + " but is " + y.get(o));
      }
    }
    if (op.derivativeReadsInput()) {
      y.sum().backward();
      assertTrue(Double.isNaN(x.grad().get(at)), () -> name + " " + dtype + ": gradient at the NaN is "
          + x.grad().get(at));
    }
  }

  /** argmax and argmin point at the NaN of each line that holds one, as in NumPy and PyTorch. */
  @Property(tries = 60)
  void argReductionsPointAtTheNan(@ForAll boolean max, @ForAll("shapes") Shape shape,
      @ForAll("dtypes") DType dtype, @ForAll long seed) {
    int axis = Math.floorMod(seed >> 8, shape.rank());
    int at = Math.floorMod(seed, shape.size());
    Tensor x = withNan(shape, dtype, seed, at);
    Tensor index = max ? x.argmax(axis) : x.argmin(axis);
    int[] nanAt = coords(shape, at);
    int flat = 0;
    for (int d = 0; d < shape.rank(); d++) {
      flat = d == axis ? flat : flat * shape.dim(d) + nanAt[d];
    }
    assertTrue(index.get(flat) == nanAt[axis], () -> (max ? "argmax" : "argmin") + " gave " + index);
  }

  @Property(tries = 150)
  void binaryNanGivesNanWhereverItIsRead(@ForAll("binaryOps") String name, @ForAll("pairs") Shape[] pair,
      @ForAll boolean nanInA, @ForAll("dtypes") DType dtype, @ForAll long seed) {
    Shape nanShape = nanInA ? pair[0] : pair[1];
    int at = Math.floorMod(seed, nanShape.size());
    Tensor a = nanInA ? withNan(pair[0], dtype, seed, at) : values(pair[0], dtype, seed);
    Tensor b = nanInA ? values(pair[1], dtype, seed + 1) : withNan(pair[1], dtype, seed + 1, at);
    if (name.equals("pow")) {
      b = b.add(Tensor.where(b.eq(0), Tensor.scalar(dtype, 0.5), Tensor.scalar(dtype, 0))); // x^0 = 1, even NaN^0
    }
    Tensor y = BINARY.get(name).apply(a, b);
    int[] nanAt = coords(nanShape, at);
    for (int e = 0; e < y.size(); e++) {
      int[] c = coords(y.shape(), e);
      int o = e;
      if (readsBroadcast(c, nanShape, nanAt)) {
        assertTrue(Double.isNaN(y.get(e)), () -> name + " " + dtype + ": output " + o + " reads the NaN but is "
            + y.get(o));
      }
    }
  }

  /**
   * {@code where(mask, a, b)}: a NaN in the operand an element selects reaches that element, a NaN in the mask
   * gives NaN there and NaN gradients to both operands; a NaN in the operand not selected does not reach it.
   */
  @Property(tries = 100)
  void whereKeepsTheNanItSelectsAndANanMask(@ForAll("triples") Shape[] shapes, @ForAll("dtypes") DType dtype,
      @ForAll long seed) {
    int which = Math.floorMod(seed >> 4, 3);
    int at = Math.floorMod(seed, shapes[which].size());
    Tensor mask = Generators.uniform(shapes[0], seed, 0, 1).gt(0.5).to(dtype);
    if (which == 0) {
      double[] m = mask.toDoubleArray();
      m[at] = Double.NaN;
      mask = Tensor.of(dtype, m, shapes[0].dims());
    }
    Tensor a = (which == 1 ? withNan(shapes[1], dtype, seed + 1, at) : values(shapes[1], dtype, seed + 1))
        .requiresGrad();
    Tensor b = (which == 2 ? withNan(shapes[2], dtype, seed + 2, at) : values(shapes[2], dtype, seed + 2))
        .requiresGrad();
    Tensor y = Tensor.where(mask, a, b);
    int[] nanAt = coords(shapes[which], at);
    for (int e = 0; e < y.size(); e++) {
      int[] c = coords(y.shape(), e);
      if (!readsBroadcast(c, shapes[which], nanAt)) {
        continue;
      }
      double m = mask.get(flatBroadcast(shapes[0], c));
      boolean reaches = which == 0 || (which == 1) == (m != 0);
      int o = e;
      assertTrue(Double.isNaN(y.get(e)) == reaches, () -> "where " + dtype + ": NaN in operand " + which
          + ", output " + o + " is " + y.get(o));
    }
    if (which == 0) {
      y.sum().backward();
      assertTrue(hasNan(a.grad()) && hasNan(b.grad()), () -> "where: a NaN mask must give NaN gradients, got "
          + a.grad() + " and " + b.grad());
    }
  }

  @Property(tries = 40)
  void matmulNanSpreadsAlongItsRowAndIntoTheGradient(@ForAll("dtypes") DType dtype, @ForAll long seed) {
    Rng rng = new Rng(seed);
    int m = 1 + rng.nextInt(5);
    int k = 1 + rng.nextInt(5);
    int n = 1 + rng.nextInt(5);
    int row = rng.nextInt(m);
    int p = rng.nextInt(k);
    Tensor a = withNan(Shape.of(m, k), dtype, seed, row * k + p).requiresGrad();
    Tensor b = values(Shape.of(k, n), dtype, seed + 1).requiresGrad();
    Tensor c = a.matmul(b);
    for (int j = 0; j < n; j++) {
      assertTrue(Double.isNaN(c.get(row * n + j)), "matmul: row " + row + " of " + c);
    }
    c.sum().backward();
    for (int j = 0; j < n; j++) { // dL/dB = A^T g: row p of it reads column p of A
      assertTrue(Double.isNaN(b.grad().get(p * n + j)), "matmul: row " + p + " of dL/dB reads A[" + row + ", " + p
          + "] = NaN: " + b.grad());
    }
  }

  /** Whether output coordinates {@code c} read the element {@code nanAt} of an operand of shape {@code s}. */
  private static boolean readsBroadcast(int[] c, Shape s, int[] nanAt) {
    int lead = c.length - s.rank();
    for (int d = 0; d < s.rank(); d++) {
      if (s.dim(d) != 1 && c[d + lead] != nanAt[d]) {
        return false;
      }
    }
    return true;
  }

  private static int flatBroadcast(Shape s, int[] c) {
    int lead = c.length - s.rank();
    int flat = 0;
    for (int d = 0; d < s.rank(); d++) {
      flat = flat * s.dim(d) + (s.dim(d) == 1 ? 0 : c[d + lead]);
    }
    return flat;
  }

  private static boolean hasNan(Tensor t) {
    for (int i = 0; i < t.size(); i++) {
      if (Double.isNaN(t.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameExceptAlong(int[] c, int[] nanAt, int axis) {
    for (int d = 0; d < c.length; d++) {
      if (d != axis && c[d] != nanAt[d]) {
        return false;
      }
    }
    return true;
  }

  private static int[] coords(Shape shape, int flat) {
    int[] c = new int[shape.rank()];
    for (int d = shape.rank() - 1; d >= 0; d--) {
      c[d] = flat % shape.dim(d);
      flat /= shape.dim(d);
    }
    return c;
  }

  /** Values in [-2, 2) with about one in four exactly 0, where the kinked ops select. */
  private static double[] raw(Shape shape, long seed) {
    double[] v = Generators.uniform(shape, seed, -2, 2).toDoubleArray();
    Rng rng = new Rng(~seed);
    for (int i = 0; i < v.length; i++) {
      if (rng.nextInt(4) == 0) {
        v[i] = 0;
      }
    }
    return v;
  }

  private static Tensor values(Shape shape, DType dtype, long seed) {
    return Tensor.of(dtype, raw(shape, seed), shape.dims());
  }

  private static Tensor withNan(Shape shape, DType dtype, long seed, int at) {
    double[] v = raw(shape, seed);
    v[at] = Double.NaN;
    return Tensor.of(dtype, v, shape.dims());
  }
}
