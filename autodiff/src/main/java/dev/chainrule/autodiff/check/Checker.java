package dev.chainrule.autodiff.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck.TensorFunction;
import dev.chainrule.autodiff.graph.Backprop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * One run of {@link GradCheck#verify}: builds the FLOAT64 shadows, then runs the checks in the order of
 * {@link GradCheckException.Kind} and throws at the first that fails. The structural checks (shape,
 * determinism, zero upstream) come before the values because each names the cause of what would otherwise
 * show up only as wrong values.
 */
final class Checker {
  private static final long SEED = 0x5eed;

  private final GradCheck options;
  private final Report report;
  private final TensorFunction f;
  private final Tensor[] inputs;
  private final Tensor[] shadow;
  /** Indices of the inputs that need a gradient, in order. */
  private final int[] wrt;
  /** The fixed random upstream gradient {@code v} of {@code L = sum(f(x) * v)}, set by {@link #run}. */
  private Tensor upstream;
  private int checkedElements;

  Checker(GradCheck options, TensorFunction f, Tensor[] inputs) {
    this.options = options;
    this.report = new Report(options);
    this.f = checkNotNull(f, "GradCheck: function must not be null");
    this.inputs = checkNotNull(inputs, "GradCheck: inputs must not be null").clone();
    this.shadow = new Tensor[inputs.length];
    List<Integer> needing = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      Tensor in = checkNotNull(inputs[i], "GradCheck: input %s is null", i);
      shadow[i] = in.needsGrad() ? freshLeaf(in, in.toDoubleArray()) : in;
      if (in.needsGrad()) {
        needing.add(i);
        checkedElements += in.size();
      }
    }
    checkArgument(!needing.isEmpty(), "GradCheck: none of the %s inputs requires grad; mark the ones to check"
        + " with requiresGrad()", inputs.length);
    this.wrt = needing.stream().mapToInt(Integer::intValue).toArray();
  }

  void run() {
    Tensor out = forward(shadow);
    upstream = Tensor.uniform(new Rng(SEED), 0.5, 1.5, out.shape().dims()).to(DType.FLOAT64);
    List<Tensor> first = backward("first pass", out, upstream, true);
    for (int k = 0; k < wrt.length; k++) {
      if (!first.get(k).shape().equals(shadow[wrt[k]].shape())) {
        throw report.shape(wrt[k], inputs[wrt[k]].label(), first.get(k).shape(), shadow[wrt[k]].shape());
      }
    }
    List<Tensor> second = backward("second pass, same graph and upstream", out, upstream, true);
    List<Mismatch> differ = new ArrayList<>();
    List<Tensor> zero = backward("all-zero upstream", out, Tensor.zeros(DType.FLOAT64, out.shape().dims()),
        false);
    List<Mismatch> nonZero = new ArrayList<>();
    for (int k = 0; k < wrt.length; k++) {
      for (int j = 0; j < first.get(k).size(); j++) {
        double a = first.get(k).get(j);
        double b = second.get(k).get(j);
        if (Double.doubleToLongBits(a) != Double.doubleToLongBits(b)) {
          differ.add(mismatch(wrt[k], j, b, a, false));
        }
        double z = zero.get(k).get(j);
        if (z != 0) {
          nonZero.add(mismatch(wrt[k], j, z, 0, false));
        }
      }
    }
    if (!differ.isEmpty()) {
      throw report.nondeterministic(differ, checkedElements);
    }
    if (!nonZero.isEmpty()) {
      throw report.zeroUpstream(nonZero, checkedElements);
    }
    compareValues(first);
    if (options.checksSecondOrder()) {
      compareSecondOrder();
    }
  }

  /** Analytic against central differences of {@code L(x) = sum(f(x) * v)}, element by element. */
  private void compareValues(List<Tensor> analytic) {
    List<Mismatch> found = new ArrayList<>();
    for (int k = 0; k < wrt.length; k++) {
      int input = wrt[k];
      for (int j = 0; j < shadow[input].size(); j++) {
        DoubleUnaryOperator loss = along(input, j, this::loss);
        double numeric = FiniteDifference.central(loss, shadow[input].get(j), options.eps());
        double a = analytic.get(k).get(j);
        if (!withinTolerance(a, numeric)) {
          boolean kink = FiniteDifference.onKink(loss, shadow[input].get(j), options.eps());
          found.add(mismatch(input, j, a, numeric, kink));
        }
      }
    }
    if (!found.isEmpty()) {
      throw report.values(found, checkedElements);
    }
  }

  /**
   * Backward through backward against finite differences of the analytic gradient: with a fixed random
   * weighting {@code w}, {@code S(x) = sum_i <w_i, dL/dx_i(x)>}, whose gradient {@code dS/dx = H w} (H the
   * Hessian of L) is computed by backward through the recorded backward (CREATE_GRAPH), and numerically by
   * central differences of S, each S by a first-order backward.
   */
  private void compareSecondOrder() {
    Tensor[] weights = new Tensor[wrt.length];
    for (int k = 0; k < wrt.length; k++) {
      weights[k] = Tensor.uniform(new Rng(SEED + 1 + k), 0.5, 1.5, shadow[wrt[k]].shape().dims())
          .to(DType.FLOAT64);
    }
    List<Tensor> analytic;
    try (var on = GradMode.on()) {
      List<Tensor> grads = backwardCreatingGraph(forward(shadow));
      Tensor s = null;
      for (int k = 0; k < wrt.length; k++) {
        Tensor term = grads.get(k).mul(weights[k]).sum();
        s = s == null ? term : s.add(term);
      }
      analytic = s.needsGrad() ? gradOf(s) : zerosLike();
    }
    List<Mismatch> found = new ArrayList<>();
    for (int k = 0; k < wrt.length; k++) {
      int input = wrt[k];
      for (int j = 0; j < shadow[input].size(); j++) {
        DoubleUnaryOperator weighted = along(input, j, args -> weightedGradient(args, weights));
        double numeric = FiniteDifference.central(weighted, shadow[input].get(j), options.eps());
        double a = analytic.get(k).get(j);
        if (!withinTolerance(a, numeric)) {
          found.add(mismatch(input, j, a, numeric, false));
        }
      }
    }
    if (!found.isEmpty()) {
      throw report.secondOrder(found, checkedElements);
    }
  }

  private boolean withinTolerance(double analytic, double numeric) {
    return Math.abs(analytic - numeric) <= options.atol() + options.rtol() * Math.abs(numeric);
  }

  private Mismatch mismatch(int input, int element, double analytic, double expected, boolean kink) {
    return new Mismatch(input, inputs[input].label(), element,
        Mismatch.coordinatesOf(element, shadow[input].shape().dims()), analytic, expected, kink);
  }

  /** The function of one coordinate: element {@code j} of input {@code input} set to the argument. */
  private DoubleUnaryOperator along(int input, int j, ToDoubleFunction<Tensor[]> g) {
    double[] x = shadow[input].toDoubleArray();
    return value -> {
      double[] moved = x.clone();
      moved[j] = value;
      Tensor[] args = shadow.clone();
      args[input] = freshLeaf(shadow[input], moved);
      return g.applyAsDouble(args);
    };
  }

  /** {@code L = sum(f(args) * v)}, not recorded. */
  private double loss(Tensor[] args) {
    try (var off = GradMode.off()) {
      return f.apply(args).mul(upstream).sum().item();
    }
  }

  /** {@code S = sum_i <w_i, dL/dx_i>} at {@code args}, by a first-order backward. */
  private double weightedGradient(Tensor[] args, Tensor[] weights) {
    List<Tensor> wanted = new ArrayList<>();
    for (int input : wrt) {
      wanted.add(args[input]);
    }
    List<Tensor> grads;
    try (var on = GradMode.on()) {
      grads = Backprop.grad(List.of(forward(args)), List.of(upstream), wanted, false, false);
    }
    double s = 0;
    for (int k = 0; k < wrt.length; k++) {
      for (int j = 0; j < grads.get(k).size(); j++) {
        s += grads.get(k).get(j) * weights[k].get(j);
      }
    }
    return s;
  }

  private Tensor forward(Tensor[] args) {
    Tensor out;
    try (var on = GradMode.on()) {
      out = f.apply(args);
    }
    checkArgument(out != null && out.needsGrad(), "GradCheck: the function returned %s, which does not depend on"
        + " any input that requires grad", out == null ? "null" : "a tensor of shape " + out.shape());
    return out;
  }

  private List<Tensor> backward(String pass, Tensor out, Tensor g, boolean retain) {
    try {
      return Backprop.grad(List.of(out), List.of(g), wrtShadows(), retain, false);
    } catch (RuntimeException e) {
      throw report.backwardError(pass, e);
    }
  }

  private List<Tensor> backwardCreatingGraph(Tensor out) {
    try {
      return Backprop.grad(List.of(out), List.of(upstream), wrtShadows(), true, true);
    } catch (RuntimeException e) {
      throw report.backwardError("first pass with CREATE_GRAPH, for second order", e);
    }
  }

  private List<Tensor> gradOf(Tensor s) {
    try {
      return Autograd.grad(s, wrtShadows(), false);
    } catch (RuntimeException e) {
      throw report.backwardError("backward through backward, for second order", e);
    }
  }

  private List<Tensor> zerosLike() {
    List<Tensor> zeros = new ArrayList<>();
    for (int input : wrt) {
      zeros.add(Tensor.zeros(DType.FLOAT64, shadow[input].shape().dims()));
    }
    return zeros;
  }

  private List<Tensor> wrtShadows() {
    List<Tensor> list = new ArrayList<>(wrt.length);
    for (int input : wrt) {
      list.add(shadow[input]);
    }
    return list;
  }

  /** A FLOAT64 leaf that requires grad, holding {@code values} in {@code like}'s shape, with its label. */
  private static Tensor freshLeaf(Tensor like, double[] values) {
    Tensor leaf = Tensor.wrap(like.shape(), values).requiresGrad();
    return like.label() == null ? leaf : leaf.named(like.label());
  }
}
