package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Shape;

/**
 * Cuts a broadcast binary operation into contiguous runs. Both operands are aligned to the output's rank. The
 * run covers the longest suffix of axes along which operand {@code a} is either wholly present (its sizes equal
 * the output's) or wholly repeated (its sizes are all 1), and the same for {@code b}. Each run is then one
 * kernel call; its starting offsets in {@code a} and {@code b} come from strides that are 0 on broadcast axes.
 */
final class BroadcastRuns {
  private final int length;
  private final int count;
  private final boolean aRepeats;
  private final boolean bRepeats;
  private final int[] outerDims;
  private final int[] aStrides;
  private final int[] bStrides;

  BroadcastRuns(Shape a, Shape b, Shape out) {
    int rank = out.rank();
    int[] od = out.dims();
    int[] ad = aligned(a, rank);
    int[] bd = aligned(b, rank);
    int split = rank;
    boolean aFull = true;
    boolean aOne = true;
    boolean bFull = true;
    boolean bOne = true;
    while (split > 0) {
      int i = split - 1;
      boolean af = aFull && ad[i] == od[i];
      boolean ao = aOne && ad[i] == 1;
      boolean bf = bFull && bd[i] == od[i];
      boolean bo = bOne && bd[i] == 1;
      if (!(af || ao) || !(bf || bo)) {
        break;
      }
      aFull = af;
      aOne = ao;
      bFull = bf;
      bOne = bo;
      split = i;
    }
    this.length = Compute.product(od, split, rank);
    this.count = Compute.product(od, 0, split);
    this.aRepeats = !aFull;
    this.bRepeats = !bFull;
    this.outerDims = java.util.Arrays.copyOf(od, split);
    this.aStrides = broadcastStrides(ad, split);
    this.bStrides = broadcastStrides(bd, split);
  }

  private static int[] aligned(Shape s, int rank) {
    int[] d = new int[rank];
    java.util.Arrays.fill(d, 1);
    System.arraycopy(s.dims(), 0, d, rank - s.rank(), s.rank());
    return d;
  }

  /** Row-major strides of the operand over the outer axes, 0 where it is broadcast. */
  private static int[] broadcastStrides(int[] dims, int split) {
    int[] strides = new int[split];
    int s = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      if (i < split) {
        strides[i] = dims[i] == 1 ? 0 : s;
      }
      s *= dims[i];
    }
    return strides;
  }

  int length() {
    return length;
  }

  int count() {
    return count;
  }

  boolean aRepeats() {
    return aRepeats;
  }

  boolean bRepeats() {
    return bRepeats;
  }

  int offsetA(int run) {
    return offset(run, aStrides);
  }

  int offsetB(int run) {
    return offset(run, bStrides);
  }

  private int offset(int run, int[] strides) {
    int offset = 0;
    for (int i = outerDims.length - 1; i >= 0; i--) {
      offset += (run % outerDims[i]) * strides[i];
      run /= outerDims[i];
    }
    return offset;
  }
}
