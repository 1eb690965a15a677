package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autodiff.graph.Backprop;
import dev.chainrule.autodiff.graph.GradHook;
import dev.chainrule.autodiff.graph.Node;
import dev.chainrule.autodiff.kernel.BinaryOp;
import dev.chainrule.autodiff.kernel.ReduceOp;
import dev.chainrule.autodiff.ops.Abs;
import dev.chainrule.autodiff.ops.Add;
import dev.chainrule.autodiff.ops.ArgReduce;
import dev.chainrule.autodiff.ops.Axes;
import dev.chainrule.autodiff.ops.Cast;
import dev.chainrule.autodiff.ops.Compare;
import dev.chainrule.autodiff.ops.Compute;
import dev.chainrule.autodiff.ops.Concat;
import dev.chainrule.autodiff.ops.Div;
import dev.chainrule.autodiff.ops.Exp;
import dev.chainrule.autodiff.ops.Expand;
import dev.chainrule.autodiff.ops.Gather;
import dev.chainrule.autodiff.ops.IndexSelect;
import dev.chainrule.autodiff.ops.LeakyRelu;
import dev.chainrule.autodiff.ops.Log;
import dev.chainrule.autodiff.ops.LogSoftmax;
import dev.chainrule.autodiff.ops.MatMul;
import dev.chainrule.autodiff.ops.Max;
import dev.chainrule.autodiff.ops.Min;
import dev.chainrule.autodiff.ops.Movement;
import dev.chainrule.autodiff.ops.Mul;
import dev.chainrule.autodiff.ops.Narrow;
import dev.chainrule.autodiff.ops.Neg;
import dev.chainrule.autodiff.ops.OneHot;
import dev.chainrule.autodiff.ops.Permute;
import dev.chainrule.autodiff.ops.Pow;
import dev.chainrule.autodiff.ops.PowScalar;
import dev.chainrule.autodiff.ops.Relu;
import dev.chainrule.autodiff.ops.Reshape;
import dev.chainrule.autodiff.ops.Sigmoid;
import dev.chainrule.autodiff.ops.Softmax;
import dev.chainrule.autodiff.ops.Sqrt;
import dev.chainrule.autodiff.ops.Sub;
import dev.chainrule.autodiff.ops.Sum;
import dev.chainrule.autodiff.ops.Tanh;
import dev.chainrule.autodiff.ops.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * An n-dimensional array of FLOAT32 or FLOAT64 values in contiguous row-major storage, and a node in the
 * computation graph. Values never change after creation, except through the explicitly named in-place
 * methods meant for optimizers, which bump {@link #version()}.
 *
 * <p>Every operation is a method here that applies one op class of {@code dev.chainrule.autodiff.ops}; the
 * op class holds the forward computation and the backward rule side by side. Binary operations follow NumPy
 * broadcasting, and mixing FLOAT32 with FLOAT64 computes in FLOAT64.
 *
 * <p>Graph: a tensor made by an op while {@link GradMode} is on and some input {@link #needsGrad()} carries
 * that op's {@link #gradFn() node}. {@link #backward()} walks the graph right to left and adds
 * {@code dL/dx} into {@link #grad()} of every leaf {@code x} marked with {@link #requiresGrad()}.
 */
public final class Tensor {
  private final Shape shape;
  private final DType dtype;
  private final float[] floats;
  private final double[] doubles;

  private Node gradFn;
  private boolean requiresGrad;
  private boolean retainsGrad;
  private Tensor grad;
  private String label;
  private int version;
  private List<GradHook> hooks;

  private Tensor(Shape shape, DType dtype, float[] floats, double[] doubles) {
    this.shape = shape;
    this.dtype = dtype;
    this.floats = floats;
    this.doubles = doubles;
  }

  // ---------------------------------------------------------------- storage

  /** A FLOAT32 tensor that takes ownership of {@code data} (no copy): the caller must not change it later. */
  public static Tensor wrap(Shape shape, float[] data) {
    if (data.length != shape.size()) {
      throw new IllegalArgumentException(
          "wrap: " + data.length + " values do not fill shape " + shape + " (" + shape.size() + " elements)");
    }
    return new Tensor(shape, DType.FLOAT32, data, null);
  }

  /** A FLOAT64 tensor that takes ownership of {@code data} (no copy): the caller must not change it later. */
  public static Tensor wrap(Shape shape, double[] data) {
    if (data.length != shape.size()) {
      throw new IllegalArgumentException(
          "wrap: " + data.length + " values do not fill shape " + shape + " (" + shape.size() + " elements)");
    }
    return new Tensor(shape, DType.FLOAT64, null, data);
  }

  /** The FLOAT32 storage itself, shared and not to be modified; for kernels. Throws for FLOAT64. */
  public float[] rawFloats() {
    checkState(floats != null, "rawFloats: tensor is %s", dtype);
    return floats;
  }

  /** The FLOAT64 storage itself, shared and not to be modified; for kernels. Throws for FLOAT32. */
  public double[] rawDoubles() {
    checkState(doubles != null, "rawDoubles: tensor is %s", dtype);
    return doubles;
  }

  /** A new tensor of another shape with the same number of elements over this tensor's storage. */
  public Tensor viewAs(Shape newShape) {
    checkArgument(newShape.size() == shape.size(), "viewAs: shape %s does not have the %s elements of %s",
        newShape, shape.size(), shape);
    return new Tensor(newShape, dtype, floats, doubles);
  }

  Tensor shareStorage() {
    return viewAs(shape);
  }

  // ---------------------------------------------------------------- creation (see TensorFactory)

  /** A scalar of the default type. */
  public static Tensor scalar(double value) {
    return TensorFactory.full(DType.defaultType(), value, Shape.scalar());
  }

  /** A scalar of type {@code dtype}. */
  public static Tensor scalar(DType dtype, double value) {
    return TensorFactory.full(dtype, value, Shape.scalar());
  }

  /** A FLOAT32 vector (copied). */
  public static Tensor of(float... values) {
    return wrap(Shape.of(values.length), values.clone());
  }

  /** A FLOAT64 vector (copied). */
  public static Tensor of(double... values) {
    return wrap(Shape.of(values.length), values.clone());
  }

  /** A FLOAT32 matrix from rows of equal length (copied). */
  public static Tensor of(float[][] rows) {
    return TensorFactory.fromRows(rows);
  }

  /** A FLOAT64 matrix from rows of equal length (copied). */
  public static Tensor of(double[][] rows) {
    return TensorFactory.fromRows(rows);
  }

  /** A FLOAT32 tensor of the given shape from row-major values (copied). */
  public static Tensor of(float[] values, int... shape) {
    return wrap(Shape.of(shape), values.clone());
  }

  /** A FLOAT64 tensor of the given shape from row-major values (copied). */
  public static Tensor of(double[] values, int... shape) {
    return wrap(Shape.of(shape), values.clone());
  }

  /** A tensor of type {@code dtype} of the given shape from row-major values (copied and converted). */
  public static Tensor of(DType dtype, double[] values, int... shape) {
    return wrap(Shape.of(shape), values.clone()).to(dtype);
  }

  public static Tensor zeros(int... shape) {
    return TensorFactory.full(DType.defaultType(), 0, Shape.of(shape));
  }

  public static Tensor zeros(DType dtype, int... shape) {
    return TensorFactory.full(dtype, 0, Shape.of(shape));
  }

  public static Tensor ones(int... shape) {
    return TensorFactory.full(DType.defaultType(), 1, Shape.of(shape));
  }

  public static Tensor ones(DType dtype, int... shape) {
    return TensorFactory.full(dtype, 1, Shape.of(shape));
  }

  public static Tensor full(double value, int... shape) {
    return TensorFactory.full(DType.defaultType(), value, Shape.of(shape));
  }

  public static Tensor full(DType dtype, double value, int... shape) {
    return TensorFactory.full(dtype, value, Shape.of(shape));
  }

  /** {@code start, start + step, ...} up to but excluding {@code end}, of the default type. */
  public static Tensor arange(double start, double end, double step) {
    return TensorFactory.arange(DType.defaultType(), start, end, step);
  }

  /** {@code 0, 1, ..., end - 1}, of the default type. */
  public static Tensor arange(int end) {
    return TensorFactory.arange(DType.defaultType(), 0, end, 1);
  }

  /** {@code steps} evenly spaced values from {@code start} to {@code end} inclusive, of the default type. */
  public static Tensor linspace(double start, double end, int steps) {
    return TensorFactory.linspace(DType.defaultType(), start, end, steps);
  }

  /** The {@code n x n} identity matrix, of the default type. */
  public static Tensor eye(int n) {
    return TensorFactory.eye(DType.defaultType(), n);
  }

  /** Uniform in {@code [0, 1)} from {@code rng}, of the default type. */
  public static Tensor rand(Rng rng, int... shape) {
    return TensorFactory.uniform(DType.defaultType(), rng, 0, 1, Shape.of(shape));
  }

  /** Standard normal from {@code rng}, of the default type. */
  public static Tensor randn(Rng rng, int... shape) {
    return TensorFactory.normal(DType.defaultType(), rng, 0, 1, Shape.of(shape));
  }

  /** Uniform in {@code [low, high)} from {@code rng}, of the default type. */
  public static Tensor uniform(Rng rng, double low, double high, int... shape) {
    return TensorFactory.uniform(DType.defaultType(), rng, low, high, Shape.of(shape));
  }

  // ---------------------------------------------------------------- reading

  public Shape shape() {
    return shape;
  }

  public DType dtype() {
    return dtype;
  }

  /** The number of elements. */
  public int size() {
    return shape.size();
  }

  /** The number of axes. */
  public int rank() {
    return shape.rank();
  }

  /** The value of a one-element tensor. */
  public double item() {
    checkState(shape.size() == 1, "item: tensor of shape %s has %s elements, not one", shape, shape.size());
    return floats != null ? floats[0] : doubles[0];
  }

  /** The value at a flat row-major index. */
  public double get(int flatIndex) {
    checkArgument(flatIndex >= 0 && flatIndex < shape.size(), "get: index %s is out of range for shape %s",
        flatIndex, shape);
    return floats != null ? floats[flatIndex] : doubles[flatIndex];
  }

  /** A copy of the values in row-major order, as float. */
  public float[] toFloatArray() {
    return floats != null ? floats.clone() : TensorFactory.narrow(doubles);
  }

  /** A copy of the values in row-major order, as double. */
  public double[] toDoubleArray() {
    return doubles != null ? doubles.clone() : TensorFactory.widen(floats);
  }

  /** NumPy-like: values (elided when large), shape and type. */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }

  // ---------------------------------------------------------------- graph

  /** Marks this leaf as a variable: backward will compute {@code dL/dthis} into {@link #grad()}. */
  public Tensor requiresGrad() {
    return requiresGrad(true);
  }

  /** Sets whether this leaf needs a gradient. */
  public Tensor requiresGrad(boolean required) {
    checkState(gradFn == null, "requiresGrad: only a leaf can be marked; this tensor was computed by %s (use"
        + " detach() for a new leaf)", gradFn);
    this.requiresGrad = required;
    return this;
  }

  /** Whether backward computes a gradient for this tensor: a marked leaf, or the output of a recorded op. */
  public boolean needsGrad() {
    return requiresGrad || gradFn != null;
  }

  /** Whether this tensor is a leaf (not computed by a recorded op). */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** The node of the op that computed this tensor, or {@code null} for a leaf. */
  public Node gradFn() {
    return gradFn;
  }

  void attach(Node node) {
    this.gradFn = node;
  }

  /** A new leaf with the same values that does not need a gradient: the graph stops here. */
  public Tensor detach() {
    return shareStorage();
  }

  /** Names this tensor for graph dumps and error messages; returns this. */
  public Tensor named(String name) {
    this.label = checkNotNull(name, "named: name must not be null");
    return this;
  }

  /** The label given by {@link #named}, or {@code null}. */
  public String label() {
    return label;
  }

  /** The accumulated gradient {@code dL/dthis}, or {@code null} before any backward. */
  public Tensor grad() {
    return grad;
  }

  /** Replaces the gradient, e.g. with {@code null} or a clipped one. */
  public void setGrad(Tensor newGrad) {
    checkArgument(newGrad == null || newGrad.shape.equals(shape), "setGrad: gradient of shape %s for a tensor"
        + " of shape %s", newGrad == null ? null : newGrad.shape, shape);
    this.grad = newGrad;
  }

  /** Clears {@link #grad()}. */
  public void zeroGrad() {
    this.grad = null;
  }

  /** Keeps the gradient of this intermediate tensor in {@link #grad()} during backward; returns this. */
  public Tensor retainGrad() {
    this.retainsGrad = true;
    return this;
  }

  /** Whether {@link #retainGrad()} was asked for. */
  public boolean retainsGrad() {
    return retainsGrad;
  }

  /** Adds a hook that sees (and may replace) this tensor's gradient during backward. */
  public Tensor registerHook(GradHook hook) {
    if (hooks == null) {
      hooks = new ArrayList<>(1);
    }
    hooks.add(checkNotNull(hook, "registerHook: hook must not be null"));
    return this;
  }

  /** Runs the hooks on a gradient of this tensor, in registration order. */
  public Tensor runHooks(Tensor g) {
    if (hooks != null) {
      for (GradHook hook : hooks) {
        Tensor replaced = hook.apply(g);
        checkState(replaced != null && replaced.shape.equals(g.shape), "gradient hook returned %s for a"
            + " gradient of shape %s", replaced == null ? "null" : "shape " + replaced.shape, g.shape);
        g = replaced;
      }
    }
    return g;
  }

  /** Incremented by every in-place change; backward refuses saved tensors whose version changed. */
  public int version() {
    return version;
  }

  /** Backward from a scalar: seeds {@code dL/dL = 1}. */
  public void backward(BackwardOption... options) {
    checkArgument(shape.size() == 1, "backward: called on a tensor of shape %s without an upstream gradient;"
        + " only a one-element tensor can seed dL/dL = 1; call backward(upstream) with a tensor of shape %s",
        shape, shape);
    backward(TensorFactory.full(dtype, 1, shape), options);
  }

  /** Backward from any tensor, seeded with {@code upstream = dL/dthis} of this tensor's shape. */
  public void backward(Tensor upstream, BackwardOption... options) {
    checkNotNull(upstream, "backward: upstream gradient must not be null");
    checkArgument(upstream.shape.equals(shape), "backward: upstream gradient of shape %s for a tensor of shape"
        + " %s; they must be equal", upstream.shape, shape);
    checkArgument(!upstream.hasNaN(), "backward: the upstream gradient contains NaN");
    boolean create = List.of(options).contains(BackwardOption.CREATE_GRAPH);
    boolean retain = create || List.of(options).contains(BackwardOption.RETAIN_GRAPH);
    Backprop.backward(this, upstream, retain, create);
  }

  private boolean hasNaN() {
    for (int i = 0; i < shape.size(); i++) {
      if (Double.isNaN(get(i))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- in-place updates (optimizers only)

  /**
   * {@code this -= other} in place (other broadcasts to this shape); for parameter updates under
   * {@link GradMode#off()}. Bumps {@link #version()}.
   *
   * @throws IllegalStateException when the update would corrupt a recorded graph
   */
  public Tensor subInPlace(Tensor other) {
    return overwrite("subInPlace", Compute.binary("subInPlace", BinaryOp.SUB, this, other));
  }

  /**
   * {@code this = other} in place (other broadcasts to this shape), for loading and restoring parameters
   * under {@link GradMode#off()}. Bumps {@link #version()}.
   */
  public Tensor copyFrom(Tensor other) {
    return overwrite("copyFrom", Compute.binary("copyFrom", BinaryOp.ADD, Compute.allocate(dtype, shape), other));
  }

  private Tensor overwrite(String op, Tensor result) {
    checkState(gradFn == null, "%s: tensor computed by %s is part of a graph and cannot change in place", op,
        gradFn);
    checkState(!(requiresGrad && GradMode.isEnabled()), "%s: a leaf that requires grad can only change in place"
        + " inside GradMode.off()", op);
    checkArgument(result.shape().equals(shape), "%s: operand broadcasts to %s, not to this tensor's shape %s", op,
        result.shape(), shape);
    if (floats != null) {
      System.arraycopy(result.to(DType.FLOAT32).rawFloats(), 0, floats, 0, floats.length);
    } else {
      System.arraycopy(result.rawDoubles(), 0, doubles, 0, doubles.length);
    }
    version++;
    return this;
  }

  // ---------------------------------------------------------------- type

  /** This tensor in another type; differentiable. Returns this when the type already matches. */
  public Tensor to(DType target) {
    return target == dtype ? this : new Cast(target).apply(this);
  }

  // ---------------------------------------------------------------- elementwise

  /** {@code this + other}, broadcast. */
  public Tensor add(Tensor other) {
    return new Add().apply(this, other);
  }

  /** {@code this + c}. */
  public Tensor add(double c) {
    return add(like(c));
  }

  /** {@code this * other}, broadcast. */
  public Tensor mul(Tensor other) {
    return new Mul().apply(this, other);
  }

  /** {@code this * c}. */
  public Tensor mul(double c) {
    return mul(like(c));
  }

  /** {@code this - other}, broadcast. */
  public Tensor sub(Tensor other) {
    return new Sub().apply(this, other);
  }

  /** {@code this - c}. */
  public Tensor sub(double c) {
    return sub(like(c));
  }

  /** {@code c - this}. */
  public Tensor rsub(double c) {
    return like(c).sub(this);
  }

  /** {@code this / other}, broadcast. */
  public Tensor div(Tensor other) {
    return new Div().apply(this, other);
  }

  /** {@code this / c}. */
  public Tensor div(double c) {
    return div(like(c));
  }

  /** {@code 1 / this}. */
  public Tensor reciprocal() {
    return like(1).div(this);
  }

  /** {@code -this}. */
  public Tensor neg() {
    return new Neg().apply(this);
  }

  /** {@code this^exponent}, elementwise, broadcast; the exponent's gradient needs {@code this > 0}. */
  public Tensor pow(Tensor exponent) {
    return new Pow().apply(this, exponent);
  }

  /** {@code this^c} for a constant {@code c}. */
  public Tensor pow(double c) {
    return new PowScalar(c).apply(this);
  }

  /** {@code this * this}. */
  public Tensor square() {
    return mul(this);
  }

  /** {@code e^this}. */
  public Tensor exp() {
    return new Exp().apply(this);
  }

  /** {@code ln this}; {@code ln 0 = -inf}. */
  public Tensor log() {
    return new Log().apply(this);
  }

  /** The square root. */
  public Tensor sqrt() {
    return new Sqrt().apply(this);
  }

  /** {@code |this|}; gradient 0 at 0. */
  public Tensor abs() {
    return new Abs().apply(this);
  }

  /** {@code 1 / (1 + e^-this)}, stable for any magnitude. */
  public Tensor sigmoid() {
    return new Sigmoid().apply(this);
  }

  /** The hyperbolic tangent. */
  public Tensor tanh() {
    return new Tanh().apply(this);
  }

  /** {@code max(this, 0)}; gradient 0 at 0. */
  public Tensor relu() {
    return new Relu().apply(this);
  }

  /** {@code this > 0 ? this : slope * this}. */
  public Tensor leakyRelu(double slope) {
    return new LeakyRelu(slope).apply(this);
  }

  /**
   * {@code mask ? a : b} elementwise, all three broadcast; {@code mask} holds 0/1 (e.g. from {@link #gt}) and gets
   * no gradient.
   */
  public static Tensor where(Tensor mask, Tensor a, Tensor b) {
    return new Where().apply(mask, a, b);
  }

  /** The larger of {@code this} and {@code other}, broadcast; NaN if either is. A tie sends the gradient to this. */
  public Tensor maximum(Tensor other) {
    return where(ge(other).add(ne(this)), this, other);
  }

  /** The smaller of {@code this} and {@code other}, broadcast; NaN if either is. A tie sends the gradient to this. */
  public Tensor minimum(Tensor other) {
    return where(le(other).add(ne(this)), this, other);
  }

  /** {@code this} limited to {@code [min, max]}; an infinite bound is no bound. At a bound the gradient passes. */
  public Tensor clamp(double min, double max) {
    checkArgument(min <= max, "clamp: min %s must not be greater than max %s (nor either NaN)", min, max);
    return clampMin(min).clampMax(max);
  }

  /** {@code max(this, min)}; the gradient passes where {@code this >= min}. */
  public Tensor clampMin(double min) {
    checkArgument(!Double.isNaN(min), "clampMin: min is NaN");
    return min == Double.NEGATIVE_INFINITY ? this : maximum(like(min));
  }

  /** {@code min(this, max)}; the gradient passes where {@code this <= max}. */
  public Tensor clampMax(double max) {
    checkArgument(!Double.isNaN(max), "clampMax: max is NaN");
    return max == Double.POSITIVE_INFINITY ? this : minimum(like(max));
  }

  // Comparisons (Compare): 1 where true, 0 where false, broadcast, in the promoted type; never recorded.

  /** {@code this > other}, broadcast. */
  public Tensor gt(Tensor other) {
    return Compare.gt(this, other);
  }

  /** {@code this > c}. */
  public Tensor gt(double c) {
    return Compare.gt(this, like(c));
  }

  /** {@code this >= other}, broadcast. */
  public Tensor ge(Tensor other) {
    return Compare.ge(this, other);
  }

  /** {@code this >= c}. */
  public Tensor ge(double c) {
    return Compare.ge(this, like(c));
  }

  /** {@code this < other}, broadcast. */
  public Tensor lt(Tensor other) {
    return Compare.lt(this, other);
  }

  /** {@code this < c}. */
  public Tensor lt(double c) {
    return Compare.lt(this, like(c));
  }

  /** {@code this <= other}, broadcast. */
  public Tensor le(Tensor other) {
    return Compare.le(this, other);
  }

  /** {@code this <= c}. */
  public Tensor le(double c) {
    return Compare.le(this, like(c));
  }

  /** {@code this == other}, broadcast. */
  public Tensor eq(Tensor other) {
    return Compare.eq(this, other);
  }

  /** {@code this == c}. */
  public Tensor eq(double c) {
    return Compare.eq(this, like(c));
  }

  /** {@code this != other}, broadcast. */
  public Tensor ne(Tensor other) {
    return Compare.ne(this, other);
  }

  /** {@code this != c}. */
  public Tensor ne(double c) {
    return Compare.ne(this, like(c));
  }

  /** A scalar of this tensor's type: scalar operands do not promote, as in PyTorch. */
  private Tensor like(double c) {
    return TensorFactory.full(dtype, c, Shape.scalar());
  }

  // ---------------------------------------------------------------- reductions

  /** The sum of all elements, a scalar. */
  public Tensor sum() {
    return sum(TensorFactory.allAxes(rank()), false);
  }

  /** Sums over {@code axes} (negative counts from the end); {@code keepDims} keeps them with size 1. */
  public Tensor sum(int[] axes, boolean keepDims) {
    return new Sum(axes, keepDims).apply(this);
  }

  /** The mean of all elements, a scalar. */
  public Tensor mean() {
    return mean(TensorFactory.allAxes(rank()), false);
  }

  /** The mean over {@code axes}: {@code sum(axes) / n}, {@code n} the number of elements in each group. */
  public Tensor mean(int[] axes, boolean keepDims) {
    Shape kept = Axes.reducedShape(shape, Axes.resolve("mean", shape, axes), true);
    double n = (double) shape.size() / kept.size();
    return sum(axes, keepDims).mul(1 / n);
  }

  /** The largest element, a scalar. */
  public Tensor max() {
    return max(TensorFactory.allAxes(rank()), false);
  }

  /** The largest element over {@code axes}; the gradient is split evenly among ties (PyTorch's amax). */
  public Tensor max(int[] axes, boolean keepDims) {
    return new Max(axes, keepDims).apply(this);
  }

  /** The smallest element, a scalar. */
  public Tensor min() {
    return min(TensorFactory.allAxes(rank()), false);
  }

  /** The smallest element over {@code axes}; the gradient is split evenly among ties (PyTorch's amin). */
  public Tensor min(int[] axes, boolean keepDims) {
    return new Min(axes, keepDims).apply(this);
  }

  /** The index of the first largest element along {@code axis}, which is removed; not differentiable. */
  public Tensor argmax(int axis) {
    return ArgReduce.apply(ReduceOp.MAX, this, axis);
  }

  /** The index of the first smallest element along {@code axis}, which is removed; not differentiable. */
  public Tensor argmin(int axis) {
    return ArgReduce.apply(ReduceOp.MIN, this, axis);
  }

  /** {@code exp(x) / sum(exp(x))} along {@code axis}, computed stably. */
  public Tensor softmax(int axis) {
    return new Softmax(axis).apply(this);
  }

  /** {@code x - logSumExp(x)} along {@code axis}, computed stably (fused). */
  public Tensor logSoftmax(int axis) {
    return new LogSoftmax(axis).apply(this);
  }

  /**
   * {@code log(sum(exp(x)))} along {@code axis}, computed stably through the identity
   * {@code logSumExp(x) = x_i - logSoftmax(x)_i}, which holds for every index {@code i} along the axis; taking
   * {@code i = argmax} (a constant index) makes it exact, since there {@code logSoftmax(x)_i} is in
   * {@code [-log n, 0]}. Its gradient is {@code softmax(x)}.
   */
  public Tensor logSumExp(int axis, boolean keepDims) {
    int a = shape.axis(axis, "logSumExp");
    Tensor at = argmax(a).unsqueeze(a);
    Tensor lse = gather(a, at).add(logSoftmax(a).gather(a, at).mul(-1));
    return keepDims ? lse : lse.squeeze(a);
  }

  // ---------------------------------------------------------------- movement

  /** The same values in another shape; one dimension may be {@code -1} and is then inferred. */
  public Tensor reshape(int... newShape) {
    return new Reshape(newShape).apply(this);
  }

  /** Broadcasts to a larger shape, NumPy rules, materialised; the gradient sums back. */
  public Tensor expand(int... newShape) {
    return new Expand(Shape.of(newShape)).apply(this);
  }

  /** Axis {@code d} of the result is axis {@code axes[d]} of this tensor; materialised. */
  public Tensor permute(int... axes) {
    return new Permute(axes).apply(this);
  }

  /** Swaps two axes; materialised. */
  public Tensor transpose(int axis0, int axis1) {
    return permute(Movement.swap(shape, axis0, axis1));
  }

  /** The transpose of a matrix; a tensor of rank 0 or 1 is returned as is, like PyTorch. */
  public Tensor t() {
    checkArgument(rank() <= 2, "t: tensor of shape %s has rank %s; use transpose or permute above rank 2",
        shape, rank());
    return rank() < 2 ? this : transpose(0, 1);
  }

  /** This tensor as a vector. */
  public Tensor flatten() {
    return reshape(-1);
  }

  /** Merges axes {@code startAxis..endAxis} (inclusive, negative from the end) into one. */
  public Tensor flatten(int startAxis, int endAxis) {
    return reshape(Movement.flatten(shape, startAxis, endAxis));
  }

  /** Removes {@code axis}, which must have size 1. */
  public Tensor squeeze(int axis) {
    return reshape(Movement.squeeze(shape, axis));
  }

  /** Inserts an axis of size 1 at {@code axis} (in {@code [-rank - 1, rank]}, negative from the end). */
  public Tensor unsqueeze(int axis) {
    return reshape(Movement.unsqueeze(shape, axis));
  }

  /** Entries {@code start .. start + length - 1} along {@code axis}. */
  public Tensor narrow(int axis, int start, int length) {
    return new Narrow(axis, start, length).apply(this);
  }

  /** Entries {@code start .. end - 1} along {@code axis}; negative positions count from the end. */
  public Tensor slice(int axis, int start, int end) {
    int size = shape.dim(shape.axis(axis, "slice"));
    int from = start < 0 ? start + size : start;
    return narrow(axis, from, (end < 0 ? end + size : end) - from);
  }

  /** The tensors joined along {@code axis}; they must agree on every other dimension. */
  public static Tensor concat(int axis, Tensor... tensors) {
    return new Concat(axis).apply(tensors);
  }

  /** The tensors, all of one shape, stacked along a new axis {@code axis}. */
  public static Tensor stack(int axis, Tensor... tensors) {
    checkArgument(tensors.length > 0, "stack: no tensors to stack");
    Tensor[] lifted = new Tensor[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      checkArgument(tensors[i].shape.equals(tensors[0].shape), "stack: tensor %s has shape %s but tensor 0 has"
          + " shape %s; stacked tensors must have equal shapes", i, tensors[i].shape, tensors[0].shape);
      lifted[i] = tensors[i].unsqueeze(axis);
    }
    return concat(axis, lifted);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * The matrix product with NumPy's rules: 1-D by 1-D is the dot product, a 1-D operand acts as a row (left)
   * or column (right), and the leading dimensions of N-D operands are batch dimensions that broadcast.
   */
  public Tensor matmul(Tensor other) {
    return MatMul.matmul(this, other);
  }

  // ---------------------------------------------------------------- indexing

  /** The entries {@code indices} along {@code axis}, in that order (repeats allowed). */
  public Tensor indexSelect(int axis, int... indices) {
    return new IndexSelect(axis, indices).apply(this);
  }

  /**
   * PyTorch's gather: {@code y[i][j] = x[i][index[i][j]]} for {@code axis = 1}; {@code index} holds integers
   * (in a float tensor), has this tensor's rank, and gives the result's shape.
   */
  public Tensor gather(int axis, Tensor index) {
    return new Gather(axis).apply(this, index);
  }

  /** One-hot rows for integer-valued {@code labels}: shape {@code labels.shape + (classes,)}; not differentiable. */
  public static Tensor oneHot(Tensor labels, int classes) {
    return OneHot.of(labels, classes);
  }
}
