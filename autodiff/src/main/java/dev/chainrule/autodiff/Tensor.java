package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autodiff.graph.Backprop;
import dev.chainrule.autodiff.graph.GradHook;
import dev.chainrule.autodiff.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * An n-dimensional array of FLOAT32, FLOAT64, INT64 or BOOL values in contiguous row-major storage, and a node in
 * the computation graph (only floating tensors can require a gradient). Values never change after creation, except through the explicitly named in-place
 * methods meant for optimizers, which bump {@link #version()}.
 *
 * <p>Every operation is a method of this class that applies one op class of {@code dev.chainrule.autodiff.ops};
 * the op class holds the forward computation and the backward rule side by side. So that no file grows past a
 * screenful of concerns, the methods are written in package-private superclasses by concern: factories in
 * {@code TensorCreation}, elementwise operations in {@code ElementwiseMethods}, reductions, movement, matrix
 * products and indexing in {@code StructureMethods}; this class holds storage, reading and the graph. Binary operations follow NumPy
 * broadcasting, and mixing FLOAT32 with FLOAT64 computes in FLOAT64.
 *
 * <p>Graph: a tensor made by an op while {@link GradMode} is on and some input {@link #needsGrad()} carries
 * that op's {@link #gradFn() node}. {@link #backward()} walks the graph right to left and adds
 * {@code dL/dx} into {@link #grad()} of every leaf {@code x} marked with {@link #requiresGrad()}.
 */
public final class Tensor extends StructureMethods {
  private final Shape shape;
  private final DType dtype;
  private final float[] floats;
  private final double[] doubles;
  private final long[] longs;
  private final boolean[] booleans;

  private Node gradFn;
  private boolean requiresGrad;
  private boolean retainsGrad;
  private Tensor grad;
  private String label;
  private int version;
  private List<GradHook> hooks;

  private Tensor(Shape shape, DType dtype, float[] floats, double[] doubles, long[] longs, boolean[] booleans) {
    this.shape = shape;
    this.dtype = dtype;
    this.floats = floats;
    this.doubles = doubles;
    this.longs = longs;
    this.booleans = booleans;
  }

  // ---------------------------------------------------------------- storage

  /** A FLOAT32 tensor that takes ownership of {@code data} (no copy): the caller must not change it later. */
  public static Tensor wrap(Shape shape, float[] data) {
    checkFills(shape, data.length);
    return new Tensor(shape, DType.FLOAT32, data, null, null, null);
  }

  /** A FLOAT64 tensor that takes ownership of {@code data} (no copy): the caller must not change it later. */
  public static Tensor wrap(Shape shape, double[] data) {
    checkFills(shape, data.length);
    return new Tensor(shape, DType.FLOAT64, null, data, null, null);
  }

  /** An INT64 tensor that takes ownership of {@code data} (no copy): the caller must not change it later. */
  public static Tensor wrap(Shape shape, long[] data) {
    checkFills(shape, data.length);
    return new Tensor(shape, DType.INT64, null, null, data, null);
  }

  /** A BOOL tensor that takes ownership of {@code data} (no copy): the caller must not change it later. */
  public static Tensor wrap(Shape shape, boolean[] data) {
    checkFills(shape, data.length);
    return new Tensor(shape, DType.BOOL, null, null, null, data);
  }

  private static void checkFills(Shape shape, int length) {
    if (length != shape.size()) {
      throw new IllegalArgumentException(
          "wrap: " + length + " values do not fill shape " + shape + " (" + shape.size() + " elements)");
    }
  }

  /** The FLOAT32 storage itself, shared and not to be modified; for kernels. Throws for FLOAT64. */
  public float[] rawFloats() {
    checkState(floats != null, "rawFloats: tensor is %s", dtype);
    return floats;
  }

  /** The FLOAT64 storage itself, shared and not to be modified; for kernels. Throws for other types. */
  public double[] rawDoubles() {
    checkState(doubles != null, "rawDoubles: tensor is %s", dtype);
    return doubles;
  }

  /** The INT64 storage itself, shared and not to be modified; for kernels. Throws for other types. */
  public long[] rawLongs() {
    checkState(longs != null, "rawLongs: tensor is %s", dtype);
    return longs;
  }

  /** The BOOL storage itself, shared and not to be modified; for kernels. Throws for other types. */
  public boolean[] rawBooleans() {
    checkState(booleans != null, "rawBooleans: tensor is %s", dtype);
    return booleans;
  }

  /** A new tensor of another shape with the same number of elements over this tensor's storage. */
  public Tensor viewAs(Shape newShape) {
    checkArgument(newShape.size() == shape.size(), "viewAs: shape %s does not have the %s elements of %s",
        newShape, shape.size(), shape);
    return new Tensor(newShape, dtype, floats, doubles, longs, booleans);
  }

  Tensor shareStorage() {
    return viewAs(shape);
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

  /**
   * The value of a one-element tensor, as a double (an INT64 value beyond 2^53 rounds; use {@link #longItem}; a
   * BOOL is 1 or 0).
   */
  public double item() {
    checkState(shape.size() == 1, "item: tensor of shape %s has %s elements, not one", shape, shape.size());
    return get(0);
  }

  /** The value of a one-element INT64 or BOOL tensor, exactly; refused for a floating tensor. */
  public long longItem() {
    checkState(shape.size() == 1, "longItem: tensor of shape %s has %s elements, not one", shape, shape.size());
    return getLong(0);
  }

  /** The value at a flat row-major index, as a double (see {@link #item}). */
  public double get(int flatIndex) {
    checkArgument(flatIndex >= 0 && flatIndex < shape.size(), "get: index %s is out of range for shape %s",
        flatIndex, shape);
    return switch (dtype) {
      case FLOAT32 -> floats[flatIndex];
      case FLOAT64 -> doubles[flatIndex];
      case INT64 -> longs[flatIndex];
      case BOOL -> booleans[flatIndex] ? 1 : 0;
    };
  }

  /** The value at a flat row-major index of an INT64 or BOOL tensor, exactly; refused for a floating tensor. */
  public long getLong(int flatIndex) {
    checkState(!dtype.isFloatingPoint(), "getLong: tensor is %s; use get, or convert with to(DType.INT64)", dtype);
    checkArgument(flatIndex >= 0 && flatIndex < shape.size(), "getLong: index %s is out of range for shape %s",
        flatIndex, shape);
    return longs != null ? longs[flatIndex] : booleans[flatIndex] ? 1 : 0;
  }

  /** A copy of the values in row-major order, as float. */
  public float[] toFloatArray() {
    return floats != null ? floats.clone() : TensorFactory.toFloats(this);
  }

  /** A copy of the values in row-major order, as double. */
  public double[] toDoubleArray() {
    return doubles != null ? doubles.clone() : TensorFactory.toDoubles(this);
  }

  /**
   * A copy of the values in row-major order, as long: exact for INT64 and BOOL; a floating value is truncated
   * toward zero as by a Java cast, which is refused for NaN and for values outside the range of long.
   */
  public long[] toLongArray() {
    return longs != null ? longs.clone() : TensorFactory.toLongs(this);
  }

  /** A copy of the values in row-major order, as boolean: nonzero is true (NaN too, as in PyTorch). */
  public boolean[] toBooleanArray() {
    return booleans != null ? booleans.clone() : TensorFactory.toBooleans(this);
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
    checkArgument(!required || dtype.isFloatingPoint(), "requiresGrad: only floating tensors (float32, float64)"
        + " can require a gradient; this tensor is %s; convert it with to(DType.FLOAT32) first", dtype);
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
  // Each bumps version() and refuses a tensor computed by a recorded op, or a leaf that requires grad while
  // grad mode is on (IllegalStateException). Operands broadcast to this shape and take this type. One kernel
  // pass each, allocating nothing when operands have this shape and type; bodies in InPlaceUpdates.

  /** {@code this -= other}. */
  public Tensor subInPlace(Tensor other) {
    return InPlaceUpdates.axpby("subInPlace", this, 1, other, -1);
  }

  /** {@code this += other}. */
  public Tensor addInPlace(Tensor other) {
    return InPlaceUpdates.axpby("addInPlace", this, 1, other, 1);
  }

  /** {@code this += alpha * other}, like PyTorch's {@code add_(other, alpha=alpha)}. */
  public Tensor addInPlace(Tensor other, double alpha) {
    return InPlaceUpdates.axpby("addInPlace", this, 1, other, alpha);
  }

  /** {@code this = beta * this + alpha * other} in one pass: {@code mul_(beta).add_(other, alpha=alpha)}. */
  public Tensor mulAddInPlace(double beta, Tensor other, double alpha) {
    return InPlaceUpdates.axpby("mulAddInPlace", this, beta, other, alpha);
  }

  /** {@code this *= c}. */
  public Tensor mulInPlace(double c) {
    return InPlaceUpdates.mul("mulInPlace", this, c);
  }

  /** {@code this *= other}. */
  public Tensor mulInPlace(Tensor other) {
    return InPlaceUpdates.mul("mulInPlace", this, other);
  }

  /** {@code this = max(this, other)}; NaN wins, as in {@link #maximum}. */
  public Tensor maximumInPlace(Tensor other) {
    return InPlaceUpdates.maximum("maximumInPlace", this, other);
  }

  /** {@code this += value * a * b}, like PyTorch's {@code addcmul_}. */
  public Tensor addcmulInPlace(Tensor a, Tensor b, double value) {
    return InPlaceUpdates.addcmul("addcmulInPlace", this, 1, a, b, value);
  }

  /** {@code this = beta * this + value * a * b} in one pass: {@code mul_(beta).addcmul_(a, b, value)}. */
  public Tensor mulAddcmulInPlace(double beta, Tensor a, Tensor b, double value) {
    return InPlaceUpdates.addcmul("mulAddcmulInPlace", this, beta, a, b, value);
  }

  /** {@code this += value * a / b}, like PyTorch's {@code addcdiv_}. */
  public Tensor addcdivInPlace(Tensor a, Tensor b, double value) {
    return InPlaceUpdates.addcdiv("addcdivInPlace", this, a, b, value);
  }

  /**
   * {@code this += value * a / (sqrt(b) / divisor + eps)} in one pass: Adam's, RMSprop's and Adagrad's
   * {@code addcdiv_(a, b.sqrt() / divisor + eps, value)} without materialising the denominator.
   */
  public Tensor addcdivSqrtInPlace(Tensor a, Tensor b, double value, double divisor, double eps) {
    return InPlaceUpdates.addcdivSqrt("addcdivSqrtInPlace", this, a, b, value, divisor, eps);
  }

  /** {@code this = other}, for loading and restoring parameters. */
  public Tensor copyFrom(Tensor other) {
    return InPlaceUpdates.copy("copyFrom", this, other);
  }

  /** Throws unless this tensor may change in place now; see the in-place section. */
  void checkMutable(String op) {
    checkState(gradFn == null, "%s: tensor computed by %s is part of a graph and cannot change in place", op,
        gradFn);
    checkState(!(requiresGrad && GradMode.isEnabled()), "%s: a leaf that requires grad can only change in place"
        + " inside GradMode.off()", op);
  }

  /** Counts one in-place change; returns this. */
  Tensor bumpVersion() {
    version++;
    return this;
  }
}
