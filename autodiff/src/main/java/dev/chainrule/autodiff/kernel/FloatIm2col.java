package dev.chainrule.autodiff.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * im2col and col2im on float arrays, by runs: for each row of the column matrix (a channel and a tap) and each
 * grid row, the grid columns whose tap falls inside the image form one contiguous range computed up front, so
 * the inner loop has no bounds tests; with stride 1 it is a plain {@code System.arraycopy} (im2col) or an add
 * loop the JIT vectorises (col2im). The padding outside the range is filled with zeros. Images run in
 * parallel, one contiguous share of the batch per thread: each image writes only its own column matrix
 * (im2col) or its own image (col2im), so nothing is shared and no accumulation races.
 */
final class FloatIm2col {
  private FloatIm2col() {}

  static void im2col(Im2colGeometry g, int batch, float[] x, float[] cols, int imageStride, int ld) {
    forBatch(g, batch, n -> im2colImage(g, x, n * g.imageSize(), cols, n * imageStride, ld));
  }

  static void col2im(Im2colGeometry g, int batch, float[] cols, int imageStride, int ld, float[] x) {
    forBatch(g, batch, n -> col2imImage(g, cols, n * imageStride, ld, x, n * g.imageSize()));
  }

  /** Runs {@code image} for every image, in parallel when the batch is large enough to pay for it. */
  static void forBatch(Im2colGeometry g, int batch, IntConsumer image) {
    long work = (long) batch * g.rows() * g.columns();
    int tasks = work < Parallelism.MIN_PARALLEL_ELEMENTS ? 1 : Math.min(batch, Parallelism.threads());
    if (tasks <= 1) {
      for (int n = 0; n < batch; n++) {
        image.accept(n);
      }
      return;
    }
    Parallelism.run(tasks, t -> {
      for (int n = (int) ((long) batch * t / tasks), end = (int) ((long) batch * (t + 1) / tasks); n < end; n++) {
        image.accept(n);
      }
    });
  }

  static void im2colImage(Im2colGeometry g, float[] x, int xOff, float[] cols, int colsOff, int ld) {
    int outW = g.outW();
    for (int c = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kernelH(); i++) {
        for (int j = 0; j < g.kernelW(); j++) {
          int row = colsOff + ((c * g.kernelH() + i) * g.kernelW() + j) * ld;
          int lo = Math.min(g.firstColumn(j), outW);
          int hi = Math.max(lo, g.endColumn(j));
          int iw0 = lo * g.strideW() - g.padLeft() + j * g.dilationW();
          if (g.strideH() == 1 && g.strideW() == 1 && outW == g.width() && lo < hi) {
            sameWidthRows(g, x, xOff, cols, row, c, i, lo, hi, iw0);
            continue;
          }
          for (int oh = 0; oh < g.outH(); oh++) {
            int to = row + oh * outW;
            int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
            if (ih < 0 || ih >= g.height() || lo == hi) {
              Arrays.fill(cols, to, to + outW, 0f);
              continue;
            }
            Arrays.fill(cols, to, to + lo, 0f);
            int from = xOff + (c * g.height() + ih) * g.width() + iw0;
            if (g.strideW() == 1) {
              System.arraycopy(x, from, cols, to + lo, hi - lo);
            } else {
              for (int ow = lo, s = from; ow < hi; ow++, s += g.strideW()) {
                cols[to + ow] = x[s];
              }
            }
            Arrays.fill(cols, to + hi, to + outW, 0f);
          }
        }
      }
    }
  }

  /**
   * One row of the column matrix when the grid is as wide as the image at stride 1 (a "same" convolution): the
   * grid rows that read the image then map onto its rows with one constant offset, so they are copied in one
   * {@code arraycopy}, and only the few columns of each row that fall in the padding are zeroed after it. A grid
   * row of a dozen values copied on its own cost more in calls than in copying.
   */
  private static void sameWidthRows(Im2colGeometry g, float[] x, int xOff, float[] cols, int row, int c, int i,
      int lo, int hi, int iw0) {
    int outW = g.outW();
    int shift = g.padTop() - i * g.dilationH(); // oh = ih + shift
    int first = Math.max(0, shift);
    int end = Math.min(g.outH(), g.height() + shift);
    if (first >= end) {
      Arrays.fill(cols, row, row + g.outH() * outW, 0f);
      return;
    }
    Arrays.fill(cols, row, row + first * outW + lo, 0f);
    System.arraycopy(x, xOff + (c * g.height() + first - shift) * g.width() + iw0, cols, row + first * outW + lo,
        (end - 1 - first) * outW + hi - lo);
    for (int oh = first; oh < end - 1; oh++) {
      int to = row + oh * outW;
      Arrays.fill(cols, to + hi, to + outW + lo, 0f); // the padding between two copied rows
    }
    Arrays.fill(cols, row + (end - 1) * outW + hi, row + g.outH() * outW, 0f);
  }

  static void col2imImage(Im2colGeometry g, float[] cols, int colsOff, int ld, float[] x, int xOff) {
    col2imImage(g, cols, colsOff, ld, x, xOff, false);
  }

  /**
   * col2im of one image; with {@code scratch}, the caller's column matrix may be changed, which lets a same-width
   * stride-1 geometry add each tap's rows in one run ({@link #sameWidthRowsAdd}).
   */
  static void col2imImage(Im2colGeometry g, float[] cols, int colsOff, int ld, float[] x, int xOff,
      boolean scratch) {
    int outW = g.outW();
    for (int c = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kernelH(); i++) {
        for (int j = 0; j < g.kernelW(); j++) {
          int row = colsOff + ((c * g.kernelH() + i) * g.kernelW() + j) * ld;
          int lo = Math.min(g.firstColumn(j), outW);
          int hi = Math.max(lo, g.endColumn(j));
          int iw0 = lo * g.strideW() - g.padLeft() + j * g.dilationW();
          if (scratch && g.strideH() == 1 && g.strideW() == 1 && outW == g.width() && lo < hi) {
            sameWidthRowsAdd(g, cols, row, x, xOff, c, i, lo, hi, iw0);
            continue;
          }
          for (int oh = 0; oh < g.outH() && lo < hi; oh++) {
            int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
            if (ih < 0 || ih >= g.height()) {
              continue;
            }
            int from = row + oh * outW;
            int to = xOff + (c * g.height() + ih) * g.width() + iw0;
            if (g.strideW() == 1) {
              for (int ow = lo; ow < hi; ow++) {
                x[to + ow - lo] += cols[from + ow];
              }
            } else {
              for (int ow = lo, d = to; ow < hi; ow++, d += g.strideW()) {
                x[d] += cols[from + ow];
              }
            }
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #sameWidthRows}: the grid rows of one tap that land in the image map onto its rows with
   * one constant offset, so they are added in one vector run, after the entries of the run that fall in the
   * padding between two rows are zeroed in {@code cols} (they would land at the ends of the neighbouring image
   * rows). Each image element receives its taps in the same order as the row-by-row loop.
   */
  private static void sameWidthRowsAdd(Im2colGeometry g, float[] cols, int row, float[] x, int xOff, int c, int i,
      int lo, int hi, int iw0) {
    int outW = g.outW();
    int shift = g.padTop() - i * g.dilationH(); // oh = ih + shift
    int first = Math.max(0, shift);
    int end = Math.min(g.outH(), g.height() + shift);
    if (first >= end) {
      return;
    }
    for (int oh = first; oh < end - 1; oh++) {
      int at = row + oh * outW;
      Arrays.fill(cols, at + hi, at + outW + lo, 0f);
    }
    int from = row + first * outW + lo;
    int to = xOff + (c * g.height() + first - shift) * g.width() + iw0;
    FloatElementwise.binary(BinaryOp.ADD, x, to, false, cols, from, false, x, to, (end - 1 - first) * outW + hi - lo);
  }
}
