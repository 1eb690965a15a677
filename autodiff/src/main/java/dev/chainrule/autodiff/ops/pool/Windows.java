package dev.chainrule.autodiff.ops.pool;

import com.google.common.base.Verify;

/**
 * The windows of one spatial axis of a pooling op: for each of the {@link #outputSize()} outputs, the input
 * positions it reads ({@code taps}, increasing, padding left out) and, for the averaging ops, the factor it
 * divides by ({@code divisor}). A 2-D pooling window is the product of a row window and a
 * column window, and so is its divisor, in every one of PyTorch's rules.
 *
 * <p>The rules, for input size {@code n}, kernel {@code k}, stride {@code s}, padding {@code p}, dilation
 * {@code d}, output {@code o}: window {@code i} starts at {@code i*s - p};
 *
 * <ul>
 *   <li>{@link #sliding}: taps {@code start + j*d} for {@code j < k} that fall in {@code [0, n)} (max pooling,
 *       no divisor);
 *   <li>{@link #averaging}: taps {@code [max(start, 0), min(start + k, n))}, divisor
 *       {@code min(start + k, n + p) - start} with padding counted, else the number of taps (avg pooling);
 *   <li>{@link #adaptive}: taps {@code [floor(i*n/o), ceil((i+1)*n/o))}, divisor their count.
 * </ul>
 */
final class Windows {
  private final int inputSize;
  private final int[][] taps;
  private final int[] divisor;

  private Windows(int inputSize, int[][] taps, int[] divisor) {
    this.inputSize = inputSize;
    this.taps = taps;
    this.divisor = divisor;
  }

  /**
   * PyTorch's pooling output size: {@code floor((n + 2p - d(k-1) - 1 + (ceil ? s-1 : 0)) / s) + 1}, less one in
   * ceil mode when the last window would start past the input and its left padding ({@code (o-1)*s >= n + p}).
   * May be zero or negative: the caller refuses it.
   */
  static int outputSize(int n, int k, int s, int p, int d, boolean ceil) {
    int out = Math.floorDiv(n + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0), s) + 1;
    if (ceil && (out - 1) * s >= n + p) {
      out--;
    }
    return out;
  }

  /** Max pooling's windows: the dilated taps inside the input; no divisor. */
  static Windows sliding(int n, int out, int k, int s, int p, int d) {
    int[][] taps = new int[out][];
    for (int i = 0; i < out; i++) {
      int start = i * s - p;
      int first = start < 0 ? Math.floorDiv(-start + d - 1, d) : 0; // first j with start + j*d >= 0
      int last = Math.min(k, n - start <= 0 ? 0 : Math.floorDiv(n - start - 1, d) + 1); // j < last: tap < n
      int count = Math.max(0, last - first);
      taps[i] = new int[count];
      for (int j = 0; j < count; j++) {
        taps[i][j] = start + (first + j) * d;
      }
    }
    return new Windows(n, taps, null);
  }

  /** Average pooling's windows, with PyTorch's divisor with or without the padding counted. */
  static Windows averaging(int n, int out, int k, int s, int p, boolean countIncludePad) {
    int[][] taps = new int[out][];
    int[] divisor = new int[out];
    for (int i = 0; i < out; i++) {
      int start = i * s - p;
      int end = Math.min(start + k, n + p);
      int from = Math.max(start, 0);
      int to = Math.min(end, n);
      taps[i] = range(from, to);
      divisor[i] = Math.max(1, countIncludePad ? end - start : to - from);
    }
    return new Windows(n, taps, divisor);
  }

  /** Adaptive average pooling's windows: {@code [floor(i*n/o), ceil((i+1)*n/o))}. */
  static Windows adaptive(int n, int out) {
    int[][] taps = new int[out][];
    int[] divisor = new int[out];
    for (int i = 0; i < out; i++) {
      int from = (int) ((long) i * n / out);
      int to = (int) (((long) (i + 1) * n + out - 1) / out);
      taps[i] = range(from, to);
      divisor[i] = Math.max(1, to - from);
    }
    return new Windows(n, taps, divisor);
  }

  /** The single window {@code [0, 1)} of an axis of size 1: how a 1-D op runs as a 2-D one. */
  static Windows unit() {
    return new Windows(1, new int[][] {{0}}, new int[] {1});
  }

  private static int[] range(int from, int to) {
    int[] r = new int[Math.max(0, to - from)];
    for (int j = 0; j < r.length; j++) {
      r[j] = from + j;
    }
    return r;
  }

  int inputSize() {
    return inputSize;
  }

  int outputSize() {
    return taps.length;
  }

  /** The taps of every output, shared with the kernels (never modified). */
  int[][] taps() {
    return taps;
  }

  /** The divisor of every output, shared with the kernels (never modified). */
  int[] divisor() {
    Verify.verifyNotNull(divisor, "max pooling's windows have no divisor");
    return divisor;
  }
}
