package dev.chainrule.autodiff.kernel;

import java.util.Arrays;

/**
 * im2col and col2im on double arrays, by runs: for each row of the column matrix (a channel and a tap) and each
 * grid row, the grid columns whose tap falls inside the image form one contiguous range computed up front, so
 * the inner loop has no bounds tests; with stride 1 it is a plain {@code System.arraycopy} (im2col) or an add
 * loop the JIT vectorises (col2im). The padding outside the range is filled with zeros. Images run in
 * parallel, one contiguous share of the batch per thread: each image writes only its own column matrix
 * (im2col) or its own image (col2im), so nothing is shared and no accumulation races. The batch loop is
 * {@link FloatIm2col#forBatch}'s.
 */
final class DoubleIm2col {
  private DoubleIm2col() {}

  static void im2col(Im2colGeometry g, int batch, double[] x, double[] cols, int imageStride, int ld) {
    FloatIm2col.forBatch(g, batch, n -> im2colImage(g, x, n * g.imageSize(), cols, n * imageStride, ld));
  }

  static void col2im(Im2colGeometry g, int batch, double[] cols, int imageStride, int ld, double[] x) {
    FloatIm2col.forBatch(g, batch, n -> col2imImage(g, cols, n * imageStride, ld, x, n * g.imageSize()));
  }

  static void im2colImage(Im2colGeometry g, double[] x, int xOff, double[] cols, int colsOff, int ld) {
    int outW = g.outW();
    for (int c = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kernelH(); i++) {
        for (int j = 0; j < g.kernelW(); j++) {
          int row = colsOff + ((c * g.kernelH() + i) * g.kernelW() + j) * ld;
          int lo = Math.min(g.firstColumn(j), outW);
          int hi = Math.max(lo, g.endColumn(j));
          int iw0 = lo * g.strideW() - g.padLeft() + j * g.dilationW();
          for (int oh = 0; oh < g.outH(); oh++) {
            int to = row + oh * outW;
            int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
            if (ih < 0 || ih >= g.height() || lo == hi) {
              Arrays.fill(cols, to, to + outW, 0.0);
              continue;
            }
            Arrays.fill(cols, to, to + lo, 0.0);
            int from = xOff + (c * g.height() + ih) * g.width() + iw0;
            if (g.strideW() == 1) {
              System.arraycopy(x, from, cols, to + lo, hi - lo);
            } else {
              for (int ow = lo, s = from; ow < hi; ow++, s += g.strideW()) {
                cols[to + ow] = x[s];
              }
            }
            Arrays.fill(cols, to + hi, to + outW, 0.0);
          }
        }
      }
    }
  }

  static void col2imImage(Im2colGeometry g, double[] cols, int colsOff, int ld, double[] x, int xOff) {
    int outW = g.outW();
    for (int c = 0; c < g.channels(); c++) {
      for (int i = 0; i < g.kernelH(); i++) {
        for (int j = 0; j < g.kernelW(); j++) {
          int row = colsOff + ((c * g.kernelH() + i) * g.kernelW() + j) * ld;
          int lo = Math.min(g.firstColumn(j), outW);
          int hi = Math.max(lo, g.endColumn(j));
          int iw0 = lo * g.strideW() - g.padLeft() + j * g.dilationW();
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
}
