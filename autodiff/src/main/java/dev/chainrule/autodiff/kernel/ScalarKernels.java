package dev.chainrule.autodiff.kernel;

/**
 * Plain-Java kernels: one obvious loop per operation. They define what every kernel computes, serve as the
 * reference in the SIMD-versus-scalar properties, and run when the Vector API module is absent.
 */
final class ScalarKernels implements Kernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public void unary(UnaryOp op, double p, float[] x, int xOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = (float) ScalarMath.unary(op, p, x[xOff + i]);
    }
  }

  @Override
  public void unary(UnaryOp op, double p, double[] x, int xOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = ScalarMath.unary(op, p, x[xOff + i]);
    }
  }

  @Override
  public void binary(BinaryOp op, float[] a, int aOff, boolean aScalar, float[] b, int bOff, boolean bScalar,
      float[] out, int outOff, int n) {
    int aStep = aScalar ? 0 : 1;
    int bStep = bScalar ? 0 : 1;
    for (int i = 0; i < n; i++) {
      out[outOff + i] = ScalarMath.binary(op, a[aOff + i * aStep], b[bOff + i * bStep]);
    }
  }

  @Override
  public void binary(BinaryOp op, double[] a, int aOff, boolean aScalar, double[] b, int bOff, boolean bScalar,
      double[] out, int outOff, int n) {
    int aStep = aScalar ? 0 : 1;
    int bStep = bScalar ? 0 : 1;
    for (int i = 0; i < n; i++) {
      out[outOff + i] = ScalarMath.binary(op, a[aOff + i * aStep], b[bOff + i * bStep]);
    }
  }

  @Override
  public void reduce(ReduceOp op, float[] x, int outer, int r, int inner, float[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double acc = identity(op);
        for (int j = 0; j < r; j++) {
          acc = combine(op, acc, x[(o * r + j) * inner + i]);
        }
        out[o * inner + i] = (float) acc;
      }
    }
  }

  @Override
  public void reduce(ReduceOp op, double[] x, int outer, int r, int inner, double[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double acc = identity(op);
        for (int j = 0; j < r; j++) {
          acc = combine(op, acc, x[(o * r + j) * inner + i]);
        }
        out[o * inner + i] = acc;
      }
    }
  }

  private static double identity(ReduceOp op) {
    return switch (op) {
      case SUM -> 0;
      case MAX -> Double.NEGATIVE_INFINITY;
      case MIN -> Double.POSITIVE_INFINITY;
    };
  }

  private static double combine(ReduceOp op, double acc, double v) {
    return switch (op) {
      case SUM -> acc + v;
      case MAX -> ScalarMath.binary(BinaryOp.MAX, acc, v);
      case MIN -> ScalarMath.binary(BinaryOp.MIN, acc, v);
    };
  }

  @Override
  public void argReduce(ReduceOp op, float[] x, int outer, int r, int inner, int[] out) {
    double[] wide = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      wide[i] = x[i];
    }
    argReduce(op, wide, outer, r, inner, out);
  }

  @Override
  public void argReduce(ReduceOp op, double[] x, int outer, int r, int inner, int[] out) {
    if (op == ReduceOp.SUM) {
      throw new IllegalArgumentException("argReduce: SUM has no arg; use MAX or MIN");
    }
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        double bestValue = x[o * r * inner + i];
        for (int j = 1; j < r && !Double.isNaN(bestValue); j++) {
          double v = x[(o * r + j) * inner + i];
          if (Double.isNaN(v) || (op == ReduceOp.MAX ? v > bestValue : v < bestValue)) {
            best = j;
            bestValue = v;
          }
        }
        out[o * inner + i] = best;
      }
    }
  }

  @Override
  public void logSoftmax(float[] x, int outer, int r, int inner, float[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * r * inner + i;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < r; j++) {
          max = Math.max(max, x[base + j * inner]);
        }
        double sum = 0;
        for (int j = 0; j < r; j++) {
          sum += Math.exp(x[base + j * inner] - max);
        }
        double logSum = Math.log(sum);
        for (int j = 0; j < r; j++) {
          out[base + j * inner] = (float) ((x[base + j * inner] - max) - logSum);
        }
      }
    }
  }

  @Override
  public void logSoftmax(double[] x, int outer, int r, int inner, double[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * r * inner + i;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < r; j++) {
          max = Math.max(max, x[base + j * inner]);
        }
        double sum = 0;
        for (int j = 0; j < r; j++) {
          sum += Math.exp(x[base + j * inner] - max);
        }
        double logSum = Math.log(sum);
        for (int j = 0; j < r; j++) {
          out[base + j * inner] = (x[base + j * inner] - max) - logSum;
        }
      }
    }
  }

  @Override
  public void gemm(int m, int n, int k, float[] a, int aOff, boolean transA, float[] b, int bOff, boolean transB,
      float[] c, int cOff) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double acc = 0;
        for (int p = 0; p < k; p++) {
          acc += a[aOff + (transA ? p * m + i : i * k + p)] * (double) b[bOff + (transB ? j * k + p : p * n + j)];
        }
        c[cOff + i * n + j] = (float) acc;
      }
    }
  }

  @Override
  public void gemm(int m, int n, int k, double[] a, int aOff, boolean transA, double[] b, int bOff,
      boolean transB, double[] c, int cOff) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double acc = 0;
        for (int p = 0; p < k; p++) {
          acc += a[aOff + (transA ? p * m + i : i * k + p)] * b[bOff + (transB ? j * k + p : p * n + j)];
        }
        c[cOff + i * n + j] = acc;
      }
    }
  }

  @Override
  public void im2col(Im2colGeometry g, int batch, float[] x, float[] cols, int imageStride, int ld) {
    Im2colCheck.check("im2col", g, batch, x.length, cols.length, imageStride, ld);
    for (int n = 0; n < batch; n++) {
      for (int r = 0; r < g.rows(); r++) {
        for (int l = 0; l < g.columns(); l++) {
          int src = imageIndex(g, n, r, l);
          cols[n * imageStride + r * ld + l] = src < 0 ? 0 : x[src];
        }
      }
    }
  }

  @Override
  public void im2col(Im2colGeometry g, int batch, double[] x, double[] cols, int imageStride, int ld) {
    Im2colCheck.check("im2col", g, batch, x.length, cols.length, imageStride, ld);
    for (int n = 0; n < batch; n++) {
      for (int r = 0; r < g.rows(); r++) {
        for (int l = 0; l < g.columns(); l++) {
          int src = imageIndex(g, n, r, l);
          cols[n * imageStride + r * ld + l] = src < 0 ? 0 : x[src];
        }
      }
    }
  }

  @Override
  public void col2im(Im2colGeometry g, int batch, float[] cols, int imageStride, int ld, float[] x) {
    Im2colCheck.check("col2im", g, batch, x.length, cols.length, imageStride, ld);
    for (int n = 0; n < batch; n++) {
      for (int r = 0; r < g.rows(); r++) {
        for (int l = 0; l < g.columns(); l++) {
          int dst = imageIndex(g, n, r, l);
          if (dst >= 0) {
            x[dst] += cols[n * imageStride + r * ld + l];
          }
        }
      }
    }
  }

  @Override
  public void col2im(Im2colGeometry g, int batch, double[] cols, int imageStride, int ld, double[] x) {
    Im2colCheck.check("col2im", g, batch, x.length, cols.length, imageStride, ld);
    for (int n = 0; n < batch; n++) {
      for (int r = 0; r < g.rows(); r++) {
        for (int l = 0; l < g.columns(); l++) {
          int dst = imageIndex(g, n, r, l);
          if (dst >= 0) {
            x[dst] += cols[n * imageStride + r * ld + l];
          }
        }
      }
    }
  }

  /** The image element that column-matrix element {@code (r, l)} of image {@code n} reads, or -1 in the padding. */
  @Override
  public void convolve(Im2colGeometry g, int batch, int groups, int filters, float[] x, float[] w, float[] bias,
      float[] y) {
    double[] out = new double[y.length];
    convolve(g, batch, groups, filters, widen(x), widen(w), bias == null ? null : widen(bias), out);
    narrow(out, y, batch * filters * g.columns());
  }

  @Override
  public void convolve(Im2colGeometry g, int batch, int groups, int filters, double[] x, double[] w,
      double[] bias, double[] y) {
    int plane = g.columns();
    int kg = g.rows() / groups;
    int fg = filters / groups;
    int[] taps = taps(g);
    for (int n = 0; n < batch; n++) {
      for (int f = 0; f < filters; f++) {
        for (int l = 0; l < plane; l++) {
          double acc = bias == null ? 0 : bias[f];
          for (int r = 0; r < kg; r++) {
            int src = taps[(f / fg * kg + r) * plane + l];
            if (src >= 0) {
              acc += w[f * kg + r] * x[n * g.imageSize() + src];
            }
          }
          y[(n * filters + f) * plane + l] = acc;
        }
      }
    }
  }

  @Override
  public void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, float[] gy, float[] w,
      float[] bias, float[] dx) {
    double[] out = new double[dx.length];
    convolveTransposed(g, batch, groups, filters, widen(gy), widen(w), bias == null ? null : widen(bias), out);
    narrow(out, dx, batch * g.imageSize());
  }

  @Override
  public void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, double[] gy, double[] w,
      double[] bias, double[] dx) {
    int plane = g.columns();
    int area = g.height() * g.width();
    int kg = g.rows() / groups;
    int fg = filters / groups;
    for (int i = 0; i < batch * g.imageSize(); i++) {
      dx[i] = bias == null ? 0 : bias[i / area % g.channels()];
    }
    int[] taps = taps(g);
    for (int n = 0; n < batch; n++) {
      for (int f = 0; f < filters; f++) {
        for (int l = 0; l < plane; l++) {
          for (int r = 0; r < kg; r++) {
            int dst = taps[(f / fg * kg + r) * plane + l];
            if (dst >= 0) {
              dx[n * g.imageSize() + dst] += w[f * kg + r] * gy[(n * filters + f) * plane + l];
            }
          }
        }
      }
    }
  }

  @Override
  public void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, float[] x, float[] gy,
      float[] dw) {
    double[] out = new double[dw.length];
    convolveWeightGrad(g, batch, groups, filters, widen(x), widen(gy), out);
    narrow(out, dw, filters * (g.rows() / groups));
  }

  @Override
  public void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, double[] x, double[] gy,
      double[] dw) {
    int plane = g.columns();
    int kg = g.rows() / groups;
    int fg = filters / groups;
    int[] taps = taps(g);
    for (int f = 0; f < filters; f++) {
      for (int r = 0; r < kg; r++) {
        double acc = 0;
        for (int n = 0; n < batch; n++) {
          for (int l = 0; l < plane; l++) {
            int src = taps[(f / fg * kg + r) * plane + l];
            if (src >= 0) {
              acc += gy[(n * filters + f) * plane + l] * x[n * g.imageSize() + src];
            }
          }
        }
        dw[f * kg + r] = acc;
      }
    }
  }

  /** {@link #imageIndex} of every column-matrix element of image 0, {@code [r * columns + l]}: -1 in the padding. */
  private static int[] taps(Im2colGeometry g) {
    int[] taps = new int[g.rows() * g.columns()];
    for (int r = 0; r < g.rows(); r++) {
      for (int l = 0; l < g.columns(); l++) {
        taps[r * g.columns() + l] = imageIndex(g, 0, r, l);
      }
    }
    return taps;
  }

  private static double[] widen(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  /** The first {@code n} values of {@code from}, rounded to float, into {@code to}. */
  private static void narrow(double[] from, float[] to, int n) {
    for (int i = 0; i < n; i++) {
      to[i] = (float) from[i];
    }
  }

  private static int imageIndex(Im2colGeometry g, int n, int r, int l) {
    int j = r % g.kernelW();
    int i = r / g.kernelW() % g.kernelH();
    int c = r / (g.kernelW() * g.kernelH());
    int ih = l / g.outW() * g.strideH() - g.padTop() + i * g.dilationH();
    int iw = l % g.outW() * g.strideW() - g.padLeft() + j * g.dilationW();
    if (ih < 0 || ih >= g.height() || iw < 0 || iw >= g.width()) {
      return -1;
    }
    return n * g.imageSize() + (c * g.height() + ih) * g.width() + iw;
  }

  @Override
  public void axpby(double alpha, float[] x, double beta, float[] y) {
    UpdateMath.checkLengths("axpby", y.length, x.length, x.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = UpdateMath.axpby((float) alpha, x[i], (float) beta, y[i]);
    }
  }

  @Override
  public void axpby(double alpha, double[] x, double beta, double[] y) {
    UpdateMath.checkLengths("axpby", y.length, x.length, x.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = UpdateMath.axpby(alpha, x[i], beta, y[i]);
    }
  }

  @Override
  public void addcmul(double beta, double value, float[] a, float[] b, float[] y) {
    UpdateMath.checkLengths("addcmul", y.length, a.length, b.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = UpdateMath.addcmul((float) beta, (float) value, a[i], b[i], y[i]);
    }
  }

  @Override
  public void addcmul(double beta, double value, double[] a, double[] b, double[] y) {
    UpdateMath.checkLengths("addcmul", y.length, a.length, b.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = UpdateMath.addcmul(beta, value, a[i], b[i], y[i]);
    }
  }

  @Override
  public void addcdiv(double value, float[] a, float[] b, float[] y) {
    UpdateMath.checkLengths("addcdiv", y.length, a.length, b.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = UpdateMath.addcdiv((float) value, a[i], b[i], y[i]);
    }
  }

  @Override
  public void addcdiv(double value, double[] a, double[] b, double[] y) {
    UpdateMath.checkLengths("addcdiv", y.length, a.length, b.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = UpdateMath.addcdiv(value, a[i], b[i], y[i]);
    }
  }

  @Override
  public void addcdivSqrt(double value, float[] a, float[] b, double divisor, double eps, float[] y) {
    UpdateMath.checkLengths("addcdivSqrt", y.length, a.length, b.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = UpdateMath.addcdivSqrt((float) value, a[i], b[i], (float) divisor, (float) eps, y[i]);
    }
  }

  @Override
  public void addcdivSqrt(double value, double[] a, double[] b, double divisor, double eps, double[] y) {
    UpdateMath.checkLengths("addcdivSqrt", y.length, a.length, b.length);
    for (int i = 0; i < y.length; i++) {
      y[i] = UpdateMath.addcdivSqrt(value, a[i], b[i], divisor, eps, y[i]);
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
