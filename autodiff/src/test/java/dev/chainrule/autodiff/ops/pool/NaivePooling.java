package dev.chainrule.autodiff.ops.pool;

import dev.chainrule.autodiff.Tensor;

/**
 * Reference pooling written straight from PyTorch's definitions, one output element at a time over
 * {@code (N, C, H, W)} in double precision, independent of {@code Windows} and the kernels: the loops the
 * properties compare against.
 */
final class NaivePooling {
  private NaivePooling() {}

  /** PyTorch's output size, written out separately from {@code Windows.outputSize}. */
  static int outSize(int n, int k, int s, int p, int d, boolean ceil) {
    double exact = (double) (n + 2 * p - d * (k - 1) - 1) / s;
    int out = (int) (ceil ? Math.ceil(exact) : Math.floor(exact)) + 1;
    if (ceil && (out - 1) * s >= n + p) {
      out--;
    }
    return out;
  }

  /** Max pooling: {@code [values..., argmax...]} per output; padding is {@code -inf}; ties first, NaN last. */
  static double[][] max(Tensor x, PoolOptions o) {
    int[] d = x.shape().dims();
    int h = d[2];
    int w = d[3];
    int oh = outSize(h, o.kernelH(), o.strideH(), o.padH(), o.dilationH(), o.ceilMode());
    int ow = outSize(w, o.kernelW(), o.strideW(), o.padW(), o.dilationW(), o.ceilMode());
    double[] values = new double[d[0] * d[1] * oh * ow];
    double[] index = new double[values.length];
    int e = 0;
    for (int plane = 0; plane < d[0] * d[1]; plane++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, e++) {
          double best = Double.NEGATIVE_INFINITY;
          int at = -1;
          for (int a = 0; a < o.kernelH(); a++) {
            for (int b = 0; b < o.kernelW(); b++) {
              int r = i * o.strideH() - o.padH() + a * o.dilationH();
              int c = j * o.strideW() - o.padW() + b * o.dilationW();
              if (r < 0 || r >= h || c < 0 || c >= w) {
                continue;
              }
              int pos = (plane * h + r) * w + c;
              double v = x.get(pos);
              if (at < 0) {
                at = pos; // a window of -inf keeps its first tap, as PyTorch's initial index
              }
              if (v > best || Double.isNaN(v)) {
                best = v;
                at = pos;
              }
            }
          }
          values[e] = best;
          index[e] = at;
        }
      }
    }
    return new double[][] {values, index};
  }

  /** Average pooling with PyTorch's divisor (window clipped to the padded input, or the valid count). */
  static double[] avg(Tensor x, PoolOptions o) {
    int[] d = x.shape().dims();
    int h = d[2];
    int w = d[3];
    int oh = outSize(h, o.kernelH(), o.strideH(), o.padH(), 1, o.ceilMode());
    int ow = outSize(w, o.kernelW(), o.strideW(), o.padW(), 1, o.ceilMode());
    double[] out = new double[d[0] * d[1] * oh * ow];
    int e = 0;
    for (int plane = 0; plane < d[0] * d[1]; plane++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, e++) {
          int hs = i * o.strideH() - o.padH();
          int ws = j * o.strideW() - o.padW();
          int he = Math.min(hs + o.kernelH(), h + o.padH());
          int we = Math.min(ws + o.kernelW(), w + o.padW());
          int poolSize = (he - hs) * (we - ws);
          double sum = 0;
          int count = 0;
          for (int r = Math.max(hs, 0); r < Math.min(he, h); r++) {
            for (int c = Math.max(ws, 0); c < Math.min(we, w); c++) {
              sum += x.get((plane * h + r) * w + c);
              count++;
            }
          }
          out[e] = sum / (o.countIncludePad() ? poolSize : count);
        }
      }
    }
    return out;
  }

  /** Adaptive max pooling: {@code [values..., argmax...]} over the adaptive windows; ties first, NaN last. */
  static double[][] adaptiveMax(Tensor x, int oh, int ow) {
    int[] d = x.shape().dims();
    int h = d[2];
    int w = d[3];
    double[] values = new double[d[0] * d[1] * oh * ow];
    double[] index = new double[values.length];
    int e = 0;
    for (int plane = 0; plane < d[0] * d[1]; plane++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, e++) {
          double best = Double.NEGATIVE_INFINITY;
          int at = -1;
          for (int r = (int) Math.floor((double) i * h / oh); r < (int) Math.ceil((double) (i + 1) * h / oh); r++) {
            for (int c = (int) Math.floor((double) j * w / ow); c < (int) Math.ceil((double) (j + 1) * w / ow);
                c++) {
              int pos = (plane * h + r) * w + c;
              double v = x.get(pos);
              if (at < 0 || v > best || Double.isNaN(v)) {
                best = v;
                at = pos;
              }
            }
          }
          values[e] = best;
          index[e] = at;
        }
      }
    }
    return new double[][] {values, index};
  }

  /** Adaptive average pooling: windows {@code [floor(i*H/oh), ceil((i+1)*H/oh))}. */
  static double[] adaptive(Tensor x, int oh, int ow) {
    int[] d = x.shape().dims();
    int h = d[2];
    int w = d[3];
    double[] out = new double[d[0] * d[1] * oh * ow];
    int e = 0;
    for (int plane = 0; plane < d[0] * d[1]; plane++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, e++) {
          int hs = (int) Math.floor((double) i * h / oh);
          int he = (int) Math.ceil((double) (i + 1) * h / oh);
          int ws = (int) Math.floor((double) j * w / ow);
          int we = (int) Math.ceil((double) (j + 1) * w / ow);
          double sum = 0;
          for (int r = hs; r < he; r++) {
            for (int c = ws; c < we; c++) {
              sum += x.get((plane * h + r) * w + c);
            }
          }
          out[e] = sum / ((he - hs) * (we - ws));
        }
      }
    }
    return out;
  }
}
