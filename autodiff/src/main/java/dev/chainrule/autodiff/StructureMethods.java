package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;
import dev.chainrule.autodiff.kernel.ReduceOp;
import dev.chainrule.autodiff.ops.ArgReduce;
import dev.chainrule.autodiff.ops.Axes;
import dev.chainrule.autodiff.ops.Concat;
import dev.chainrule.autodiff.ops.Cumsum;
import dev.chainrule.autodiff.ops.Expand;
import dev.chainrule.autodiff.ops.Flip;
import dev.chainrule.autodiff.ops.Gather;
import dev.chainrule.autodiff.ops.IndexSelect;
import dev.chainrule.autodiff.ops.LogSoftmax;
import dev.chainrule.autodiff.ops.MatMul;
import dev.chainrule.autodiff.ops.Max;
import dev.chainrule.autodiff.ops.Min;
import dev.chainrule.autodiff.ops.Movement;
import dev.chainrule.autodiff.ops.Narrow;
import dev.chainrule.autodiff.ops.OneHot;
import dev.chainrule.autodiff.ops.Permute;
import dev.chainrule.autodiff.ops.Pieces;
import dev.chainrule.autodiff.ops.Reshape;
import dev.chainrule.autodiff.ops.Slice;
import dev.chainrule.autodiff.ops.Statistics;
import dev.chainrule.autodiff.ops.Sum;
import dev.chainrule.autodiff.ops.Triangle;

/**
 * The operations of {@link Tensor} that change structure rather than values elementwise: reductions (sum,
 * mean, max, min, softmax), movement (reshape, permute, narrow, concat), matrix products and indexing. Each is
 * one line applying an op class of {@code dev.chainrule.autodiff.ops}, or a short composition of them.
 */
abstract class StructureMethods extends ElementwiseMethods {
  StructureMethods() {}

  // ---------------------------------------------------------------- reductions

  /** The sum of all elements, a scalar. */
  public Tensor sum() {
    return sum(TensorFactory.allAxes(rank()), false);
  }

  /** Sums over {@code axes} (negative counts from the end); {@code keepDims} keeps them with size 1. */
  public Tensor sum(int[] axes, boolean keepDims) {
    return new Sum(axes, keepDims).apply(self());
  }

  /** The mean of all elements, a scalar. */
  public Tensor mean() {
    return mean(TensorFactory.allAxes(rank()), false);
  }

  /** The mean over {@code axes}: {@code sum(axes) / n}, {@code n} the number of elements in each group. */
  public Tensor mean(int[] axes, boolean keepDims) {
    Shape kept = Axes.reducedShape(shape(), Axes.resolve("mean", shape(), axes), true);
    double n = (double) shape().size() / kept.size();
    return sum(axes, keepDims).mul(1 / n);
  }

  /** The largest element, a scalar; NaN if any element is; refused for a tensor with no elements. */
  public Tensor max() {
    return max(TensorFactory.allAxes(rank()), false);
  }

  /**
   * The largest element over {@code axes}; the gradient is split evenly among ties (PyTorch's amax). An axis of
   * size 0 is refused.
   */
  public Tensor max(int[] axes, boolean keepDims) {
    return new Max(axes, keepDims).apply(self());
  }

  /** The smallest element, a scalar; NaN if any element is; refused for a tensor with no elements. */
  public Tensor min() {
    return min(TensorFactory.allAxes(rank()), false);
  }

  /**
   * The smallest element over {@code axes}; the gradient is split evenly among ties (PyTorch's amin). An axis of
   * size 0 is refused.
   */
  public Tensor min(int[] axes, boolean keepDims) {
    return new Min(axes, keepDims).apply(self());
  }

  /**
   * The index of the first largest element along {@code axis}, which is removed, as INT64; a NaN wins; an axis of
   * size 0 is refused; not differentiable.
   */
  public Tensor argmax(int axis) {
    return ArgReduce.apply(ReduceOp.MAX, self(), axis);
  }

  /**
   * The index of the first smallest element along {@code axis}, which is removed, as INT64; a NaN wins; an axis of
   * size 0 is refused; not differentiable.
   */
  public Tensor argmin(int axis) {
    return ArgReduce.apply(ReduceOp.MIN, self(), axis);
  }

  /**
   * {@code exp(x) / sum(exp(x))} along {@code axis}, composed as {@code exp(logSoftmax(x))}: stable for any
   * input, since the log-softmax never overflows and its exponential lies in {@code [0, 1]}.
   */
  public Tensor softmax(int axis) {
    return logSoftmax(shape().axis(axis, "softmax")).exp();
  }

  /** {@code x - logSumExp(x)} along {@code axis}, computed stably (fused). */
  public Tensor logSoftmax(int axis) {
    return new LogSoftmax(axis).apply(self());
  }

  /**
   * {@code log(sum(exp(x)))} along {@code axis}: {@link #logSumExp(int[], boolean)} over that one axis. Its
   * gradient is {@code softmax(x)}.
   */
  public Tensor logSumExp(int axis, boolean keepDims) {
    return logSumExp(new int[] {axis}, keepDims);
  }

  // ---------------------------------------------------------------- movement

  /** The same values in another shape; one dimension may be {@code -1} and is then inferred. */
  public Tensor reshape(int... newShape) {
    return new Reshape(newShape).apply(self());
  }

  /** Broadcasts to a larger shape(), NumPy rules, materialised; the gradient sums back. */
  public Tensor expand(int... newShape) {
    return new Expand(Shape.of(newShape)).apply(self());
  }

  /** Axis {@code d} of the result is axis {@code axes[d]} of this tensor; materialised. */
  public Tensor permute(int... axes) {
    return new Permute(axes).apply(self());
  }

  /** Swaps two axes; materialised. */
  public Tensor transpose(int axis0, int axis1) {
    return permute(Movement.swap(shape(), axis0, axis1));
  }

  /** The transpose of a matrix; a tensor of rank 0 or 1 is returned as is, like PyTorch. */
  public Tensor t() {
    checkArgument(rank() <= 2, "t: tensor of shape %s has rank %s; use transpose or permute above rank 2",
        shape(), rank());
    return rank() < 2 ? self() : transpose(0, 1);
  }

  /** This tensor as a vector. */
  public Tensor flatten() {
    return reshape(-1);
  }

  /** Merges axes {@code startAxis..endAxis} (inclusive, negative from the end) into one. */
  public Tensor flatten(int startAxis, int endAxis) {
    return reshape(Movement.flatten(shape(), startAxis, endAxis));
  }

  /** Removes {@code axis}, which must have size 1. */
  public Tensor squeeze(int axis) {
    return reshape(Movement.squeeze(shape(), axis));
  }

  /** Inserts an axis of size 1 at {@code axis} (in {@code [-rank - 1, rank]}, negative from the end). */
  public Tensor unsqueeze(int axis) {
    return reshape(Movement.unsqueeze(shape(), axis));
  }

  /** Entries {@code start .. start + length - 1} along {@code axis}. */
  public Tensor narrow(int axis, int start, int length) {
    return new Narrow(axis, start, length).apply(self());
  }

  /** Entries {@code start .. end - 1} along {@code axis}: {@link #slice(int, int, int, int)} with step 1. */
  public Tensor slice(int axis, int start, int end) {
    return slice(axis, start, end, 1);
  }

  /** The tensors joined along {@code axis}; they must agree on every other dimension. */
  public static Tensor concat(int axis, Tensor... tensors) {
    return new Concat(axis).apply(tensors);
  }

  /** The tensors, all of one shape(), stacked along a new axis {@code axis}. */
  public static Tensor stack(int axis, Tensor... tensors) {
    checkArgument(tensors.length > 0, "stack: no tensors to stack");
    Tensor[] lifted = new Tensor[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      checkArgument(tensors[i].shape().equals(tensors[0].shape()), "stack: tensor %s has shape %s but tensor 0 has"
          + " shape %s; stacked tensors must have equal shapes", i, tensors[i].shape(), tensors[0].shape());
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
    return MatMul.matmul(self(), other);
  }

  // ---------------------------------------------------------------- indexing

  /** The entries {@code indices} along {@code axis}, in that order (repeats allowed). */
  public Tensor indexSelect(int axis, int... indices) {
    return new IndexSelect(axis, indices).apply(self());
  }

  /**
   * The entries {@code index} along {@code axis}, in that order (repeats allowed): PyTorch's {@code index_select};
   * {@code index} is a vector (or scalar) of INT64 values in {@code [0, shape[axis])}.
   */
  public Tensor indexSelect(int axis, Tensor index) {
    checkArgument(index.dtype() == DType.INT64, "indexSelect: index tensor of shape %s is %s; indices must be"
        + " int64 (convert with to(DType.INT64))", index.shape(), index.dtype());
    checkArgument(index.rank() <= 1, "indexSelect: index of shape %s must be a vector", index.shape());
    long[] values = index.rawLongs();
    int size = shape().dim(shape().axis(axis, "indexSelect"));
    int[] indices = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      checkArgument(values[i] >= 0 && values[i] < size, "indexSelect: index %s at position %s is out of range for"
          + " axis %s of size %s in shape %s", values[i], i, axis, size, shape());
      indices[i] = (int) values[i];
    }
    return indexSelect(axis, indices);
  }

  /**
   * PyTorch's gather: {@code y[i][j] = x[i][index[i][j]]} for {@code axis = 1}; {@code index} is INT64, has this
   * tensor's rank, and gives the result's shape.
   */
  public Tensor gather(int axis, Tensor index) {
    return new Gather(axis).apply(self(), index);
  }

  /**
   * One-hot rows for INT64 {@code labels}: shape {@code labels.shape + (classes,)} in the default floating type;
   * not differentiable.
   */
  public static Tensor oneHot(Tensor labels, int classes) {
    return OneHot.of(labels, classes);
  }

  // ---------------------------------------------------------------- shape ops and statistics (PyTorch names)

  /**
   * Entry {@code index} along {@code axis}, which is removed ({@code x[..., index, ...]}); a negative index counts
   * from the end. Composed as {@code narrow(axis, index, 1).squeeze(axis)}: the gradient is {@code g} in that
   * position, zeros elsewhere.
   */
  public Tensor select(int axis, int index) {
    int a = shape().axis(axis, "select");
    int size = shape().dim(a);
    checkArgument(index >= -size && index < size, "select: index %s is out of range for axis %s of shape %s"
        + " (size %s; expected an index in [%s, %s))", index, axis, shape(), size, -size, size);
    return narrow(a, index < 0 ? index + size : index, 1).squeeze(a);
  }

  /**
   * Python's {@code x[start:end:step]} along {@code axis} ({@code step >= 1}): negative bounds count from the end,
   * bounds past either end are clamped, and an empty range gives an empty axis. The gradient scatters {@code g}
   * back into zeros ({@link Slice}).
   */
  public Tensor slice(int axis, int start, int end, int step) {
    return new Slice(axis, start, end, step).apply(self());
  }

  /** This tensor without any of its axes of size 1 (a reshape; the gradient reshapes back). */
  public Tensor squeeze() {
    return reshape(java.util.Arrays.stream(shape().dims()).filter(d -> d != 1).toArray());
  }

  /**
   * PyTorch's {@code chunk}: {@code n >= 1} consecutive pieces along {@code axis} of {@code ceil(size / n)}
   * entries each, the last one smaller, so there may be fewer than {@code n}. The pieces' gradients reach this
   * tensor in one concatenation ({@link dev.chainrule.autodiff.ops.Split}), zeros for a piece that got none.
   */
  public Tensor[] chunk(int n, int axis) {
    return Pieces.cut("chunk", self(), axis, Pieces.chunkSizes(shape(), axis, n));
  }

  /** PyTorch's {@code split}: consecutive pieces of {@code size >= 1} entries along {@code axis}, the last smaller. */
  public Tensor[] split(int size, int axis) {
    return Pieces.cut("split", self(), axis, Pieces.splitSizes(shape(), axis, size));
  }

  /** Consecutive pieces along {@code axis} of {@code sizes} entries, which must add up to the axis's size. */
  public Tensor[] split(int[] sizes, int axis) {
    return Pieces.cut("split", self(), axis, sizes);
  }

  /**
   * PyTorch's {@code unbind}: the {@code size} slices along {@code axis}, each without that axis, so
   * {@code unbind(axis)[i]} is {@code select(axis, i)}. Their gradients reach this tensor in one concatenation
   * ({@link dev.chainrule.autodiff.ops.Split}), zeros for a slice that got none, where {@code size} separate
   * {@code select}s would each pad to the whole: cut a sequence into time steps with this.
   */
  public Tensor[] unbind(int axis) {
    int a = shape().axis(axis, "unbind");
    int[] ones = new int[shape().dim(a)];
    java.util.Arrays.fill(ones, 1);
    Tensor[] pieces = Pieces.cut("unbind", self(), a, ones);
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = pieces[i].squeeze(a);
    }
    return pieces;
  }

  /** The entries in reverse order along each of {@code axes}; the gradient is {@code g} flipped back. */
  public Tensor flip(int... axes) {
    return new Flip(axes).apply(self());
  }

  /**
   * The running sum {@code y_i = x_0 + ... + x_i} along {@code axis}; the gradient is the reverse running sum of
   * {@code g}, {@code dL/dx_j = g_j + ... + g_(n-1)}.
   */
  public Tensor cumsum(int axis) {
    return new Cumsum(axis, false).apply(self());
  }

  /**
   * The upper triangle of the last two axes: entries with {@code column - row >= k} kept, the rest 0 ({@code k}
   * 0 keeps the diagonal, 1 drops it as for a causal mask's future, -1 keeps one diagonal below). The gradient is
   * the same triangle of {@code g}.
   */
  public Tensor triu(int k) {
    return new Triangle(k, true).apply(self());
  }

  /** The lower triangle of the last two axes: entries with {@code column - row <= k} kept, the rest 0. */
  public Tensor tril(int k) {
    return new Triangle(k, false).apply(self());
  }

  /**
   * {@code log(sum(exp(x)))} over {@code axes}, shifted by the group's maximum so it never overflows; a group of
   * only {@code -inf} gives {@code -inf}, one with {@code +inf} gives {@code +inf}, NaN propagates, and a group of
   * no elements gives {@code -inf} ({@link Statistics#logSumExp}). The gradient is the softmax over the group.
   */
  public Tensor logSumExp(int[] axes, boolean keepDims) {
    return Statistics.logSumExp(self(), axes, keepDims);
  }

  /** The unbiased variance of all elements (correction 1), a scalar; NaN for a single element. */
  public Tensor var() {
    return var(TensorFactory.allAxes(rank()), 1, false);
  }

  /**
   * The variance over {@code axes}, {@code sum((x - mean)^2) / max(0, n - correction)} (PyTorch's
   * {@code correction}: 0 biased, 1 unbiased); where {@code n - correction <= 0} it is NaN for a constant group
   * and {@code +inf} otherwise, as in PyTorch ({@link Statistics#var}).
   */
  public Tensor var(int[] axes, double correction, boolean keepDims) {
    return Statistics.var(self(), axes, correction, keepDims);
  }

  /** The unbiased standard deviation of all elements (correction 1), a scalar. */
  public Tensor std() {
    return std(TensorFactory.allAxes(rank()), 1, false);
  }

  /**
   * {@code sqrt(var(axes, correction, keepDims))}; its gradient {@code dL/dx = g (x - mean) / ((n - correction)
   * std)} is infinite or NaN where the standard deviation is 0, as in PyTorch.
   */
  public Tensor std(int[] axes, double correction, boolean keepDims) {
    return Statistics.std(self(), axes, correction, keepDims);
  }
}
