package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Gradient checks of the elementwise ops over random shapes, broadcast pairs and values inside each domain. */
class ElementwiseProperties {

  @Provide
  Arbitrary<Shape[]> pairs() {
    return Generators.broadcastPairs(4, 3);
  }

  @Provide
  Arbitrary<Shape[]> triples() {
    return Generators.broadcastTuples(3, 4, 3);
  }

  @Provide
  Arbitrary<Shape> shapes() {
    return Generators.shapes(4, 3);
  }

  // ---------------------------------------------------------------- binary

  @Property(tries = 40)
  @GradientProperty(Sub.class)
  void subGradientMatchesFiniteDifferences(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor a = Generators.uniform(pair[0], seed, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(pair[1], seed + 1, -2, 2).requiresGrad();
    GradCheck.check(in -> in[0].sub(in[1]), a, b);
  }

  @Property(tries = 40)
  @GradientProperty(Div.class)
  void divGradientMatchesFiniteDifferences(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor a = Generators.uniform(pair[0], seed, -2, 2).requiresGrad();
    Tensor b = Generators.awayFromZero(pair[1], seed + 1, 0.5, 2).requiresGrad();
    GradCheck.check(in -> in[0].div(in[1]), a, b);
  }

  @Property(tries = 40)
  @GradientProperty(Pow.class)
  void powGradientMatchesFiniteDifferences(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor a = Generators.uniform(pair[0], seed, 0.5, 3).requiresGrad();
    Tensor b = Generators.uniform(pair[1], seed + 1, -2, 2).requiresGrad();
    GradCheck.check(in -> in[0].pow(in[1]), a, b);
  }

  @Property(tries = 40)
  @GradientProperty(Where.class)
  void whereGradientMatchesFiniteDifferences(@ForAll("triples") Shape[] shapes, @ForAll long seed) {
    Tensor mask = Generators.uniform(shapes[0], seed, 0, 1).gt(0.5);
    Tensor a = Generators.uniform(shapes[1], seed + 1, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(shapes[2], seed + 2, -2, 2).requiresGrad();
    GradCheck.check(in -> Tensor.where(in[0], in[1], in[2]), mask, a, b);
  }

  @Property(tries = 40)
  void whereEqualsExplicitLoop(@ForAll("triples") Shape[] shapes, @ForAll long seed) {
    Tensor mask = Generators.uniform(shapes[0], seed, 0, 1).gt(0.5);
    Tensor a = Generators.uniform(shapes[1], seed + 1, -2, 2);
    Tensor b = Generators.uniform(shapes[2], seed + 2, -2, 2);
    Shape out = Shape.broadcast("test", Shape.broadcast("test", shapes[0], shapes[1]), shapes[2]);
    double[] expected = new double[out.size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = mask.get(sourceIndex(i, out, mask.shape())) != 0
          ? a.get(sourceIndex(i, out, a.shape())) : b.get(sourceIndex(i, out, b.shape()));
    }
    Tensor y = Tensor.where(mask, a, b);
    assertEquals(out, y.shape());
    assertArrayEquals(expected, y.toDoubleArray());
  }

  /** The flat index in an operand of shape {@code from} that broadcasting maps to output index {@code flat}. */
  private static int sourceIndex(int flat, Shape out, Shape from) {
    int[] od = out.dims();
    int index = 0;
    int stride = 1;
    for (int i = od.length - 1, j = from.rank() - 1; i >= 0; i--, j--) {
      int coordinate = flat % od[i];
      flat /= od[i];
      if (j >= 0) {
        index += (from.dim(j) == 1 ? 0 : coordinate) * stride;
        stride *= from.dim(j);
      }
    }
    return index;
  }

  // ---------------------------------------------------------------- unary

  @Property(tries = 30)
  @GradientProperty(Neg.class)
  void negGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.check(in -> in[0].neg(), Generators.uniform(shape, seed, -2, 2).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(PowScalar.class)
  void powScalarGradientMatchesFiniteDifferencesOnPositiveBases(@ForAll("shapes") Shape shape, @ForAll long seed,
      @ForAll @DoubleRange(min = -3, max = 3) double c) {
    GradCheck.check(in -> in[0].pow(c), Generators.uniform(shape, seed, 0.5, 3).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(PowScalar.class)
  void powScalarWithIntegerExponentGradientMatchesFiniteDifferencesOnAnyBase(@ForAll("shapes") Shape shape,
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int c) {
    GradCheck.check(in -> in[0].pow(c), Generators.uniform(shape, seed, -2, 2).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(Exp.class)
  void expGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.check(in -> in[0].exp(), Generators.uniform(shape, seed, -2, 2).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(Log.class)
  void logGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.check(in -> in[0].log(), Generators.uniform(shape, seed, 0.5, 3).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(Sqrt.class)
  void sqrtGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.check(in -> in[0].sqrt(), Generators.uniform(shape, seed, 0.5, 3).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(Abs.class)
  void absGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.check(in -> in[0].abs(), Generators.awayFromZero(shape, seed, 0.1, 2).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(Sigmoid.class)
  void sigmoidGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.check(in -> in[0].sigmoid(), Generators.uniform(shape, seed, -4, 4).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(Tanh.class)
  void tanhGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.check(in -> in[0].tanh(), Generators.uniform(shape, seed, -3, 3).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(Relu.class)
  void reluGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.check(in -> in[0].relu(), Generators.awayFromZero(shape, seed, 0.1, 2).requiresGrad());
  }

  @Property(tries = 30)
  @GradientProperty(ReluBackward.class)
  void reluBackwardGradientMatchesFiniteDifferences(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor g = Generators.uniform(pair[0], seed, -2, 2).requiresGrad();
    Tensor x = Generators.awayFromZero(pair[1], seed + 1, 0.1, 2).requiresGrad();
    GradCheck.check(in -> new ReluBackward().apply(in[0], in[1]), g, x);
  }

  @Property(tries = 30)
  void reluSecondDerivativesMatchFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    // relu(x)^2 has the second derivative 2 (x > 0): it flows through ReluBackward's own backward.
    GradCheck.gradGrad(in -> in[0].relu().mul(in[0].relu()),
        Generators.awayFromZero(shape, seed, 0.1, 2).requiresGrad());
  }

  @Property(tries = 30)
  void reluBackwardSelectsTheGradientWherePositive(@ForAll("shapes") Shape shape, @ForAll long seed) {
    Tensor g = Generators.uniform(shape, seed, -2, 2);
    Tensor x = Generators.uniform(shape, seed + 1, -2, 2);
    assertArrayEquals(g.mul(x.gt(0)).add(0.0).toDoubleArray(),
        new ReluBackward().apply(g, x).add(0.0).toDoubleArray());
  }

  @Property(tries = 30)
  @GradientProperty(LeakyRelu.class)
  void leakyReluGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 0.5) double slope) {
    GradCheck.check(in -> in[0].leakyRelu(slope), Generators.awayFromZero(shape, seed, 0.1, 2).requiresGrad());
  }

  // ---------------------------------------------------------------- trigonometric, erf, smooth activations

  private static Map<String, UnaryOperator<Tensor>> smoothOps() {
    Map<String, UnaryOperator<Tensor>> ops = new LinkedHashMap<>();
    ops.put("sin", Tensor::sin);
    ops.put("cos", Tensor::cos);
    ops.put("erf", Tensor::erf);
    ops.put("softplus", Tensor::softplus);
    ops.put("silu", Tensor::silu);
    ops.put("gelu", Tensor::gelu);
    return ops;
  }

  @Property(tries = 30)
  @GradientProperty({Sin.class, Cos.class, Erf.class, Softplus.class, Silu.class, Gelu.class})
  void smoothGradientsMatchFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -5, 5).requiresGrad();
    for (Map.Entry<String, UnaryOperator<Tensor>> op : smoothOps().entrySet()) {
      GradCheck.check(in -> op.getValue().apply(in[0]), x.named(op.getKey()));
    }
  }

  @Property(tries = 30)
  @GradientProperty({Sin.class, Cos.class, Erf.class, Softplus.class, Silu.class, Gelu.class})
  void smoothGradientsOfGradientsMatchFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -4, 4).requiresGrad();
    for (Map.Entry<String, UnaryOperator<Tensor>> op : smoothOps().entrySet()) {
      UnaryOperator<Tensor> f = op.getValue();
      GradCheck.check(in -> gradients(args -> f.apply(args[0]), in).get(0), x.named(op.getKey()));
    }
  }

  /** Softplus on both sides of its threshold 20, away from it: the gradient is sigmoid(x) below, 1 above. */
  @Property(tries = 30)
  @GradientProperty(Softplus.class)
  void softplusGradientMatchesFiniteDifferencesAroundTheThreshold(@ForAll("shapes") Shape shape,
      @ForAll long seed) {
    GradCheck.check(in -> in[0].softplus(), Generators.awayFromZero(shape, seed, 0.5, 6).add(20).requiresGrad());
  }

  // ---------------------------------------------------------------- compositions

  @Property(tries = 30)
  void maximumAndMinimumGradientsMatchFiniteDifferencesAwayFromTies(@ForAll("pairs") Shape[] pair,
      @ForAll long seed) {
    Tensor a = Generators.lattice(pair[0], seed, 0.5, 0).requiresGrad();
    Tensor b = Generators.lattice(pair[1], seed + 1, 0.5, 0.25).requiresGrad();
    GradCheck.check(in -> in[0].maximum(in[1]), a, b);
    GradCheck.check(in -> in[0].minimum(in[1]), a, b);
  }

  @Property(tries = 30)
  void clampGradientMatchesFiniteDifferencesAwayFromTheBounds(@ForAll("shapes") Shape shape, @ForAll long seed,
      @ForAll @IntRange(min = -4, max = 0) int low, @ForAll @IntRange(min = 0, max = 4) int high) {
    // Bounds on the lattice k * 0.5, values on the lattice shifted by 0.25: at least 0.125 from either bound.
    Tensor x = Generators.lattice(shape, seed, 0.5, 0.25).requiresGrad();
    GradCheck.check(in -> in[0].clamp(low * 0.5, high * 0.5), x);
  }

  // ---------------------------------------------------------------- second order

  @Property(tries = 30)
  @GradientProperty({Exp.class, Log.class, Sqrt.class, Sigmoid.class, Tanh.class, PowScalar.class})
  void unaryGradientsOfGradientsMatchFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, 0.5, 2.5).requiresGrad();
    Map<String, UnaryOperator<Tensor>> ops = unaryOps();
    for (Map.Entry<String, UnaryOperator<Tensor>> op : ops.entrySet()) {
      UnaryOperator<Tensor> f = op.getValue();
      GradCheck.check(in -> gradients(args -> f.apply(args[0]), in).get(0), x.named(op.getKey()));
    }
  }

  @Property(tries = 30)
  @GradientProperty({Mul.class, Div.class, Pow.class, Sub.class, Where.class})
  void binaryGradientsOfGradientsMatchFiniteDifferences(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor a = Generators.uniform(pair[0], seed, 0.5, 2.5).requiresGrad();
    Tensor b = Generators.uniform(pair[1], seed + 1, 0.5, 2.5).requiresGrad();
    Tensor mask = Generators.uniform(pair[1], seed + 2, 0, 1).gt(0.5);
    Map<String, BinaryOperator<Tensor>> ops = new LinkedHashMap<>();
    ops.put("mul", Tensor::mul);
    ops.put("div", Tensor::div);
    ops.put("pow", Tensor::pow);
    // A gradient that is linear in the operands has zero second derivative: the product makes it non-trivial.
    ops.put("sub", (p, q) -> p.sub(q).mul(p.sub(q)));
    ops.put("where", (p, q) -> Tensor.where(mask, p.mul(q), q.mul(q)));
    for (BinaryOperator<Tensor> f : ops.values()) {
      for (int wrt = 0; wrt < 2; wrt++) {
        int k = wrt;
        GradCheck.check(in -> gradients(args -> f.apply(args[0], args[1]), in).get(k), a, b);
      }
    }
  }

  /**
   * {@code d(sum f(inputs)) / d inputs} with {@code CREATE_GRAPH}, so the result is differentiable. GradCheck
   * evaluates this with grad mode off on fresh copies; then the copies become leaves and recording is turned on
   * just for the inner gradient.
   */
  private static List<Tensor> gradients(java.util.function.Function<Tensor[], Tensor> f, Tensor... in) {
    Tensor[] leaves = new Tensor[in.length];
    for (int i = 0; i < in.length; i++) {
      leaves[i] = in[i].needsGrad() ? in[i] : in[i].detach().requiresGrad();
    }
    try (var on = GradMode.on()) {
      return Autograd.grad(f.apply(leaves).sum(), List.of(leaves), true);
    }
  }

  // ---------------------------------------------------------------- gradient shapes

  private static Map<String, UnaryOperator<Tensor>> unaryOps() {
    Map<String, UnaryOperator<Tensor>> ops = new LinkedHashMap<>();
    ops.put("exp", Tensor::exp);
    ops.put("log", Tensor::log);
    ops.put("sqrt", Tensor::sqrt);
    ops.put("sigmoid", Tensor::sigmoid);
    ops.put("tanh", Tensor::tanh);
    ops.put("pow(2.5)", x -> x.pow(2.5));
    ops.put("pow(-1)", x -> x.pow(-1));
    return ops;
  }

  @Property(tries = 30)
  void everyGradientHasItsInputsShape(@ForAll("triples") Shape[] shapes, @ForAll long seed) {
    Map<String, UnaryOperator<Tensor>> unary = unaryOps();
    unary.put("neg", Tensor::neg);
    unary.put("abs", Tensor::abs);
    unary.put("relu", Tensor::relu);
    unary.put("leakyRelu", x -> x.leakyRelu(0.1));
    unary.put("clamp", x -> x.clamp(1, 2));
    unary.putAll(smoothOps());
    for (Map.Entry<String, UnaryOperator<Tensor>> op : unary.entrySet()) {
      Tensor x = Generators.uniform(shapes[0], seed, 0.5, 3).requiresGrad();
      op.getValue().apply(x).sum().backward();
      assertEquals(x.shape(), x.grad().shape(), op.getKey());
    }
    Map<String, BinaryOperator<Tensor>> binary = new LinkedHashMap<>();
    binary.put("sub", Tensor::sub);
    binary.put("div", Tensor::div);
    binary.put("pow", Tensor::pow);
    binary.put("maximum", Tensor::maximum);
    binary.put("minimum", Tensor::minimum);
    Tensor mask = Generators.uniform(shapes[2], seed + 2, 0, 1).gt(0.5);
    binary.put("where", (p, q) -> Tensor.where(mask, p, q));
    for (Map.Entry<String, BinaryOperator<Tensor>> op : binary.entrySet()) {
      Tensor a = Generators.uniform(shapes[0], seed, 0.5, 3).requiresGrad();
      Tensor b = Generators.uniform(shapes[1], seed + 1, 0.5, 3).requiresGrad();
      op.getValue().apply(a, b).sum().backward();
      assertEquals(a.shape(), a.grad().shape(), op.getKey());
      assertEquals(b.shape(), b.grad().shape(), op.getKey());
    }
  }
}
