package dev.chainrule.autodiff.ops.conv;

/**
 * The definitions, as direct loops over plain arrays, with no im2col, no GEMM and nothing shared with the code
 * under test: convolution (cross-correlation), its transpose as a scatter, and unfold. Padding is asymmetric
 * where given as four numbers, so "same" with an even kernel is covered too.
 */
final class DirectConv {
  private DirectConv() {}

  /**
   * {@code y[n, f, oh, ow] = b[f] + sum_{c, i, j} w[f, c, i, j] x[n, g C/G + c, oh sh - pt + i dh,
   * ow sw - pl + j dw]} where {@code g = f / (F/G)}; returns {@code y} with the grid size {@code outH x outW}.
   */
  static double[] conv2d(double[] x, int n, int c, int h, int w, double[] weight, int f, int kh, int kw,
      double[] bias, int groups, int sh, int sw, int pt, int pl, int dh, int dw, int outH, int outW) {
    int cg = c / groups;
    int fg = f / groups;
    double[] y = new double[n * f * outH * outW];
    for (int b = 0; b < n; b++) {
      for (int o = 0; o < f; o++) {
        int g = o / fg;
        for (int oh = 0; oh < outH; oh++) {
          for (int ow = 0; ow < outW; ow++) {
            double acc = bias == null ? 0 : bias[o];
            for (int ci = 0; ci < cg; ci++) {
              for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                  int ih = oh * sh - pt + i * dh;
                  int iw = ow * sw - pl + j * dw;
                  if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                    acc += weight[((o * cg + ci) * kh + i) * kw + j] * x[((b * c + g * cg + ci) * h + ih) * w + iw];
                  }
                }
              }
            }
            y[((b * f + o) * outH + oh) * outW + ow] = acc;
          }
        }
      }
    }
    return y;
  }

  /**
   * Transposed convolution as a scatter: each {@code x[n, ci, ih, iw]} adds {@code x * w[ci, o, i, j]} to
   * {@code y[n, g Cout/G + o, ih sh - pt + i dh, iw sw - pl + j dw]} when that lies inside {@code outH x outW}.
   */
  static double[] convTranspose2d(double[] x, int n, int cin, int h, int w, double[] weight, int coutPerGroup,
      int kh, int kw, double[] bias, int groups, int sh, int sw, int pt, int pl, int dh, int dw, int outH,
      int outW) {
    int cg = cin / groups;
    int cout = coutPerGroup * groups;
    double[] y = new double[n * cout * outH * outW];
    for (int b = 0; b < n; b++) {
      for (int ci = 0; ci < cin; ci++) {
        int g = ci / cg;
        for (int ih = 0; ih < h; ih++) {
          for (int iw = 0; iw < w; iw++) {
            double v = x[((b * cin + ci) * h + ih) * w + iw];
            for (int o = 0; o < coutPerGroup; o++) {
              for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                  int oh = ih * sh - pt + i * dh;
                  int ow = iw * sw - pl + j * dw;
                  if (oh >= 0 && oh < outH && ow >= 0 && ow < outW) {
                    y[((b * cout + g * coutPerGroup + o) * outH + oh) * outW + ow] +=
                        v * weight[((ci * coutPerGroup + o) * kh + i) * kw + j];
                  }
                }
              }
            }
          }
        }
      }
    }
    if (bias != null) {
      for (int i = 0; i < y.length; i++) {
        y[i] += bias[i / (outH * outW) % cout];
      }
    }
    return y;
  }

  /** {@code cols[n, (c kh + i) kw + j, oh outW + ow] = x[n, c, oh sh - pt + i dh, ow sw - pl + j dw]} or 0. */
  static double[] unfold(double[] x, int n, int c, int h, int w, int kh, int kw, int sh, int sw, int pt, int pl,
      int dh, int dw, int outH, int outW) {
    int rows = c * kh * kw;
    int cols = outH * outW;
    double[] y = new double[n * rows * cols];
    for (int b = 0; b < n; b++) {
      for (int ci = 0; ci < c; ci++) {
        for (int i = 0; i < kh; i++) {
          for (int j = 0; j < kw; j++) {
            for (int oh = 0; oh < outH; oh++) {
              for (int ow = 0; ow < outW; ow++) {
                int ih = oh * sh - pt + i * dh;
                int iw = ow * sw - pl + j * dw;
                double v = ih >= 0 && ih < h && iw >= 0 && iw < w ? x[((b * c + ci) * h + ih) * w + iw] : 0;
                y[(b * rows + (ci * kh + i) * kw + j) * cols + oh * outW + ow] = v;
              }
            }
          }
        }
      }
    }
    return y;
  }
}
