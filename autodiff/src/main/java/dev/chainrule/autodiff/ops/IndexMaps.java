package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * The index arithmetic shared by the movement and indexing ops. Each of them is described by a map of flat
 * row-major positions: {@code map[e]} is the position in the larger tensor that element {@code e} of the smaller
 * one corresponds to. Forward of a "take" op (permute, narrow, index-select, gather) is {@link #take}; its
 * adjoint (pad, index-add, scatter-add) is {@link #scatterAdd} with the same map, and vice versa.
 */
final class IndexMaps {
  private IndexMaps() {}

  /**
   * {@code x} with only the entries {@code indices} along {@code axis}, by copying whole blocks: viewing {@code x}
   * as {@code [outer, size, inner]} around the axis, the result is the blocks {@code x[o, indices[j], :]} in order.
   * A run of consecutive indices ({@code i, i + 1, ...}) is one contiguous block of {@code run * inner} entries and
   * is copied by one {@code arraycopy}: a narrow or chunk along the last axis would otherwise copy one element per
   * call (a (32, 1024) chunk into four took 0.5 ms this way, 8,192 copies of one float per piece).
   */
  static Tensor selectBlocks(Tensor x, int axis, int[] indices) {
    int[] dims = x.shape().dims();
    int size = dims[axis];
    int outer = Compute.product(dims, 0, axis);
    int inner = Compute.product(dims, axis + 1, dims.length);
    Tensor out = Compute.allocate(x.dtype(), withDim(x.shape(), axis, indices.length));
    Object source = Compute.storage(x);
    Object target = Compute.storage(out);
    int at = 0;
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < indices.length; ) {
        int run = 1;
        while (j + run < indices.length && indices[j + run] == indices[j] + run) {
          run++;
        }
        System.arraycopy(source, (o * size + indices[j]) * inner, target, at, run * inner);
        at += run * inner;
        j += run;
      }
    }
    return out;
  }

  /** {@code out[e] = x[map[e]]}, {@code out} of shape {@code shape}; any type. */
  static Tensor take(Tensor x, Shape shape, int[] map) {
    Tensor out = Compute.allocate(x.dtype(), shape);
    if (x.dtype() == DType.INT64) {
      long[] from = x.rawLongs();
      long[] to = out.rawLongs();
      for (int e = 0; e < map.length; e++) {
        to[e] = from[map[e]];
      }
    } else if (x.dtype() == DType.BOOL) {
      boolean[] from = x.rawBooleans();
      boolean[] to = out.rawBooleans();
      for (int e = 0; e < map.length; e++) {
        to[e] = from[map[e]];
      }
    } else if (x.dtype() == DType.FLOAT32) {
      float[] from = x.rawFloats();
      float[] to = out.rawFloats();
      for (int e = 0; e < map.length; e++) {
        to[e] = from[map[e]];
      }
    } else {
      double[] from = x.rawDoubles();
      double[] to = out.rawDoubles();
      for (int e = 0; e < map.length; e++) {
        to[e] = from[map[e]];
      }
    }
    return out;
  }

  /** Zeros of shape {@code shape}, then {@code out[map[e]] += src[e]} for every element of {@code src}. */
  static Tensor scatterAdd(Tensor src, Shape shape, int[] map) {
    Tensor out = Compute.allocate(src.dtype(), shape);
    scatterAddInto(src, out, map);
    return out;
  }

  /** {@code out[map[e]] += src[e]}; {@code out} must be freshly allocated by the caller (not yet shared). */
  static void scatterAddInto(Tensor src, Tensor out, int[] map) {
    if (src.dtype() == DType.FLOAT32) {
      float[] from = src.rawFloats();
      float[] to = out.rawFloats();
      for (int e = 0; e < map.length; e++) {
        to[map[e]] += from[e];
      }
    } else {
      double[] from = src.rawDoubles();
      double[] to = out.rawDoubles();
      for (int e = 0; e < map.length; e++) {
        to[map[e]] += from[e];
      }
    }
  }

  /** {@code shape} with dimension {@code axis} replaced by {@code size}. */
  static Shape withDim(Shape shape, int axis, int size) {
    int[] dims = shape.dims();
    dims[axis] = size;
    return Shape.of(dims);
  }

  /**
   * For a tensor of shape {@code big} and a smaller one equal to it except that {@code axis} has
   * {@code picks.length} entries: the position in {@code big} of each element of the smaller one, whose
   * coordinate {@code j} along {@code axis} stands for coordinate {@code picks[j]} of {@code big}.
   */
  static int[] alongAxis(Shape big, int axis, int[] picks) {
    int[] dims = big.dims();
    int outer = Compute.product(dims, 0, axis);
    int inner = Compute.product(dims, axis + 1, dims.length);
    int r = dims[axis];
    int p = picks.length;
    int[] map = new int[outer * p * inner];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < p; j++) {
        int from = (o * r + picks[j]) * inner;
        int to = (o * p + j) * inner;
        for (int i = 0; i < inner; i++) {
          map[to + i] = from + i;
        }
      }
    }
    return map;
  }

  /** {@code start, start + 1, ..., start + length - 1}. */
  static int[] range(int start, int length) {
    int[] r = new int[length];
    for (int i = 0; i < length; i++) {
      r[i] = start + i;
    }
    return r;
  }

  /**
   * For each element of {@code index} (same rank as {@code big}, no larger along any other axis): the position
   * in {@code big} with the element's coordinates, except along {@code axis} where it is the index value
   * (PyTorch's gather and scatter_add).
   */
  static int[] gather(String op, Shape big, int axis, Tensor index) {
    checkIndexType(op, index);
    Shape is = index.shape();
    checkArgument(is.rank() == big.rank(), "%s: index of shape %s must have the rank of the input shape %s",
        op, is, big);
    for (int d = 0; d < is.rank(); d++) {
      checkArgument(d == axis || is.dim(d) <= big.dim(d), "%s: index of shape %s is larger than input of shape %s"
          + " at dimension %s (%s > %s)", op, is, big, d, is.dim(d), big.dim(d));
    }
    int[] idims = is.dims();
    int[] strides = big.strides();
    int[] coords = new int[idims.length];
    int[] map = new int[is.size()];
    for (int e = 0; e < map.length; e++) {
      int pos = 0;
      for (int d = 0; d < idims.length; d++) {
        int c = d == axis ? checkIndex(op, index.rawLongs()[e], axis, big.dim(axis)) : coords[d];
        pos += c * strides[d];
      }
      map[e] = pos;
      for (int d = idims.length - 1; d >= 0 && ++coords[d] == idims[d]; d--) {
        coords[d] = 0;
      }
    }
    return map;
  }

  /**
   * {@code x} with its axes reordered by {@code perm} ({@code out} axis {@code d} is {@code x}'s axis
   * {@code perm[d]}), any type. The trailing axes that stay in place ({@code perm[d] = d} for the last {@code t}
   * axes) keep their elements together, so each of their blocks is one {@code arraycopy}, placed by the
   * {@link #permute} map of the leading axes: swapping the first two axes of {@code (T, N, H)} copies {@code T N}
   * rows of {@code H}, where a map per element cost 1.5 ms per (64, 32, 256) transpose of a char-LM step.
   */
  static Tensor permuteBlocks(Tensor x, Shape outShape, int[] perm) {
    int rank = perm.length;
    int kept = 0;
    while (kept < rank && perm[rank - 1 - kept] == rank - 1 - kept) {
      kept++;
    }
    if (kept == 0) {
      return take(x, outShape, permute(x.shape(), perm));
    }
    int lead = rank - kept;
    int[] dims = x.shape().dims();
    int block = Compute.product(dims, lead, rank);
    int[] blockMap = permute(Shape.of(Arrays.copyOf(dims, lead)), Arrays.copyOf(perm, lead));
    Tensor out = Compute.allocate(x.dtype(), outShape);
    Object source = Compute.storage(x);
    Object target = Compute.storage(out);
    for (int e = 0; e < blockMap.length; e++) {
      System.arraycopy(source, blockMap[e] * block, target, e * block, block);
    }
    return out;
  }

  /** The position in a tensor of shape {@code in} of each element of its permutation by {@code perm}. */
  static int[] permute(Shape in, int[] perm) {
    int rank = perm.length;
    int[] outDims = new int[rank];
    int[] step = new int[rank];
    int[] strides = in.strides();
    for (int d = 0; d < rank; d++) {
      outDims[d] = in.dim(perm[d]);
      step[d] = strides[perm[d]];
    }
    int[] coords = new int[rank];
    int[] map = new int[in.size()];
    int pos = 0;
    for (int e = 0; e < map.length; e++) {
      map[e] = pos;
      for (int d = rank - 1; d >= 0; d--) {
        pos += step[d];
        if (++coords[d] < outDims[d]) {
          break;
        }
        pos -= step[d] * outDims[d];
        coords[d] = 0;
      }
    }
    return map;
  }

  /**
   * For an operand of matrices of {@code matrixSize} elements with batch dimensions {@code own}, broadcast to
   * {@code batch}: the storage offset of the matrix used by each batch element (batched matmul).
   */
  static int[] batchOffsets(Shape own, Shape batch, int matrixSize) {
    int rank = batch.rank();
    int[] strides = new int[rank];
    int s = matrixSize;
    for (int i = own.rank() - 1; i >= 0; i--) {
      strides[i + rank - own.rank()] = own.dim(i) == 1 ? 0 : s;
      s *= own.dim(i);
    }
    int[] offsets = new int[batch.size()];
    int[] coords = new int[rank];
    int offset = 0;
    for (int e = 0; e < offsets.length; e++) {
      offsets[e] = offset;
      for (int d = rank - 1; d >= 0; d--) {
        offset += strides[d];
        if (++coords[d] < batch.dim(d)) {
          break;
        }
        offset -= strides[d] * batch.dim(d);
        coords[d] = 0;
      }
    }
    return offsets;
  }

  /**
   * Refuses an index tensor that is not INT64, naming {@code op}: a float index is exact only to 2^24 and says
   * nothing of being an integer, so it is converted by the caller, on purpose.
   */
  static void checkIndexType(String op, Tensor index) {
    checkArgument(index.dtype() == DType.INT64, "%s: index tensor of shape %s is %s; indices must be int64"
        + " (convert with to(DType.INT64))", op, index.shape(), index.dtype());
  }

  /**
   * {@code value} as an index into an axis of {@code size} elements.
   *
   * @throws IllegalArgumentException naming {@code op}, the value, the axis and the size when {@code value} is
   *     not in {@code [0, size)}
   */
  static int checkIndex(String op, long value, int axis, int size) {
    if (value < 0 || value >= size) {
      throw new IllegalArgumentException(String.format("%s: index %s is out of range for axis %s of size %s"
          + " (indices must be in [0, %s))", op, value, axis, size, size));
    }
    return (int) value;
  }

  /** An integer-valued double without its {@code .0}; anything else as is. */
  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : Double.toString(value);
  }
}
