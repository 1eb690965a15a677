package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Pooling over planes of {@code h x w} values: the array is {@code [planes, h, w]} row-major, the output
 * {@code [planes, oh, ow]}. Each axis is described by its windows: {@code rows[o]} lists, in increasing order,
 * the input rows that output row {@code o} reads (only rows inside the input: padding is left out), and
 * {@code cols[o]} likewise the columns; an output element's window is the product of the two lists. The
 * averaging kernels divide by {@code rowDiv[oh] * colDiv[ow]}, the caller's divisor rule.
 *
 * <p>A direct loop over windows, parallel over planes (each plane writes its own part of the output, so the
 * result does not depend on the thread count). Windows are a few taps wide, so there is nothing for SIMD to
 * gain inside one. Max pooling of 2x2 windows at stride 2 takes {@link PairMaxPooling}'s loop.
 */
public final class Pooling {
  /** Taps below which a pass stays on the calling thread. */
  private static final int MIN_PARALLEL_TAPS = 1 << 16;

  private Pooling() {}

  /** The body of a pass over the planes {@code [from, to)}. */
  @FunctionalInterface
  private interface Planes {
    void run(int from, int to);
  }

  /**
   * {@code y[p, i, j] = max} over the window of {@code (i, j)} and {@code arg[p*oh*ow + i*ow + j]} the flat index
   * into {@code x} of that maximum: the first one in row-major window order on ties, the last NaN when the
   * window holds NaN (then {@code y} is NaN), as PyTorch. A window with no taps gives {@code -inf} and index
   * {@code -1}. A null {@code arg} keeps no indices, for a forward whose gradient will not be asked for.
   */
  public static void max(float[] x, int planes, int h, int w, int[][] rows, int[][] cols, float[] y, int[] arg) {
    check(x.length, planes, h, w, rows, cols, y.length, arg == null ? -1 : arg.length);
    int oh = rows.length;
    int ow = cols.length;
    if (PairMaxPooling.isPairs(rows) && PairMaxPooling.isPairs(cols)) {
      int[] first = PairMaxPooling.firstTaps(w, oh, ow);
      forPlanes(planes, oh * ow * 4L, (from, to) -> PairMaxPooling.max(x, h, w, oh, ow, y, arg, from, to, first));
      return;
    }
    forPlanes(planes, oh * ow * taps(rows, cols), (from, to) -> {
      for (int p = from; p < to; p++) {
        int base = p * h * w;
        int out = p * oh * ow;
        for (int i = 0; i < oh; i++) {
          int[] r = rows[i];
          for (int j = 0; j < ow; j++, out++) {
            int[] c = cols[j];
            float best = Float.NEGATIVE_INFINITY;
            int at = r.length == 0 || c.length == 0 ? -1 : base + r[0] * w + c[0];
            for (int row : r) {
              int line = base + row * w;
              for (int col : c) {
                float v = x[line + col];
                if (v > best || v != v) {
                  best = v;
                  at = line + col;
                }
              }
            }
            y[out] = best;
            if (arg != null) {
              arg[out] = at;
            }
          }
        }
      }
    });
  }

  /** As the float version, in double precision. */
  public static void max(double[] x, int planes, int h, int w, int[][] rows, int[][] cols, double[] y, int[] arg) {
    check(x.length, planes, h, w, rows, cols, y.length, arg == null ? -1 : arg.length);
    int oh = rows.length;
    int ow = cols.length;
    if (PairMaxPooling.isPairs(rows) && PairMaxPooling.isPairs(cols)) {
      forPlanes(planes, oh * ow * 4L, (from, to) -> PairMaxPooling.max(x, h, w, oh, ow, y, arg, from, to));
      return;
    }
    forPlanes(planes, oh * ow * taps(rows, cols), (from, to) -> {
      for (int p = from; p < to; p++) {
        int base = p * h * w;
        int out = p * oh * ow;
        for (int i = 0; i < oh; i++) {
          int[] r = rows[i];
          for (int j = 0; j < ow; j++, out++) {
            int[] c = cols[j];
            double best = Double.NEGATIVE_INFINITY;
            int at = r.length == 0 || c.length == 0 ? -1 : base + r[0] * w + c[0];
            for (int row : r) {
              int line = base + row * w;
              for (int col : c) {
                double v = x[line + col];
                if (v > best || v != v) {
                  best = v;
                  at = line + col;
                }
              }
            }
            y[out] = best;
            if (arg != null) {
              arg[out] = at;
            }
          }
        }
      }
    });
  }

  /** {@code y[p, i, j] = sum} of the window of {@code (i, j)} {@code / (rowDiv[i] * colDiv[j])}; 0 for no taps. */
  public static void mean(float[] x, int planes, int h, int w, int[][] rows, int[][] cols, int[] rowDiv,
      int[] colDiv, float[] y) {
    check(x.length, planes, h, w, rows, cols, y.length, y.length);
    int oh = rows.length;
    int ow = cols.length;
    forPlanes(planes, oh * ow * taps(rows, cols), (from, to) -> {
      for (int p = from; p < to; p++) {
        int base = p * h * w;
        int out = p * oh * ow;
        for (int i = 0; i < oh; i++) {
          int[] r = rows[i];
          for (int j = 0; j < ow; j++, out++) {
            int[] c = cols[j];
            float sum = 0;
            for (int row : r) {
              int line = base + row * w;
              for (int col : c) {
                sum += x[line + col];
              }
            }
            y[out] = r.length == 0 || c.length == 0 ? 0 : sum / ((float) rowDiv[i] * colDiv[j]);
          }
        }
      }
    });
  }

  /** As the float version, in double precision. */
  public static void mean(double[] x, int planes, int h, int w, int[][] rows, int[][] cols, int[] rowDiv,
      int[] colDiv, double[] y) {
    check(x.length, planes, h, w, rows, cols, y.length, y.length);
    int oh = rows.length;
    int ow = cols.length;
    forPlanes(planes, oh * ow * taps(rows, cols), (from, to) -> {
      for (int p = from; p < to; p++) {
        int base = p * h * w;
        int out = p * oh * ow;
        for (int i = 0; i < oh; i++) {
          int[] r = rows[i];
          for (int j = 0; j < ow; j++, out++) {
            int[] c = cols[j];
            double sum = 0;
            for (int row : r) {
              int line = base + row * w;
              for (int col : c) {
                sum += x[line + col];
              }
            }
            y[out] = r.length == 0 || c.length == 0 ? 0 : sum / ((double) rowDiv[i] * colDiv[j]);
          }
        }
      }
    });
  }

  /**
   * The adjoint of {@link #mean(float[], int, int, int, int[][], int[][], int[], int[], float[])}:
   * {@code dx[p, r, c] += g[p, i, j] / (rowDiv[i] * colDiv[j])} for every tap {@code (r, c)} of every window;
   * {@code dx} must hold zeros.
   */
  public static void spread(float[] g, int planes, int h, int w, int[][] rows, int[][] cols, int[] rowDiv,
      int[] colDiv, float[] dx) {
    check(dx.length, planes, h, w, rows, cols, g.length, g.length);
    int oh = rows.length;
    int ow = cols.length;
    forPlanes(planes, oh * ow * taps(rows, cols), (from, to) -> {
      for (int p = from; p < to; p++) {
        int base = p * h * w;
        int out = p * oh * ow;
        for (int i = 0; i < oh; i++) {
          int[] r = rows[i];
          for (int j = 0; j < ow; j++, out++) {
            int[] c = cols[j];
            float share = g[out] / ((float) rowDiv[i] * colDiv[j]);
            for (int row : r) {
              int line = base + row * w;
              for (int col : c) {
                dx[line + col] += share;
              }
            }
          }
        }
      }
    });
  }

  /** As the float version, in double precision. */
  public static void spread(double[] g, int planes, int h, int w, int[][] rows, int[][] cols, int[] rowDiv,
      int[] colDiv, double[] dx) {
    check(dx.length, planes, h, w, rows, cols, g.length, g.length);
    int oh = rows.length;
    int ow = cols.length;
    forPlanes(planes, oh * ow * taps(rows, cols), (from, to) -> {
      for (int p = from; p < to; p++) {
        int base = p * h * w;
        int out = p * oh * ow;
        for (int i = 0; i < oh; i++) {
          int[] r = rows[i];
          for (int j = 0; j < ow; j++, out++) {
            int[] c = cols[j];
            double share = g[out] / ((double) rowDiv[i] * colDiv[j]);
            for (int row : r) {
              int line = base + row * w;
              for (int col : c) {
                dx[line + col] += share;
              }
            }
          }
        }
      }
    });
  }

  private static void check(int inLength, int planes, int h, int w, int[][] rows, int[][] cols, int outLength,
      int argLength) {
    checkArgument(planes >= 0 && h >= 0 && w >= 0 && inLength == planes * h * w, "pooling: input of %s elements"
        + " is not %s planes of %s x %s", inLength, planes, h, w);
    int outputs = planes * rows.length * cols.length;
    checkArgument(outLength == outputs && (argLength < 0 || argLength == outputs), "pooling: output of %s elements"
        + " (indices %s) is not %s planes of %s x %s", outLength, argLength, planes, rows.length, cols.length);
  }

  /** The most taps of one window (a bound on the work per output element). */
  private static int taps(int[][] rows, int[][] cols) {
    int r = 0;
    for (int[] row : rows) {
      r = Math.max(r, row.length);
    }
    int c = 0;
    for (int[] col : cols) {
      c = Math.max(c, col.length);
    }
    return Math.max(1, r * c);
  }

  /** Runs {@code body} over all planes, split into one contiguous range per thread when the work pays. */
  private static void forPlanes(int planes, long workPerPlane, Planes body) {
    int tasks = (int) Math.min(Math.min(Parallelism.threads(), planes),
        Math.max(1, planes * workPerPlane / MIN_PARALLEL_TAPS));
    if (tasks <= 1) {
      body.run(0, planes);
      return;
    }
    Parallelism.run(tasks, t -> body.run((int) ((long) planes * t / tasks),
        (int) ((long) planes * (t + 1) / tasks)));
  }
}
