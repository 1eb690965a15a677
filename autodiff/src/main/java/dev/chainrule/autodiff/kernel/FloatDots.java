package dev.chainrule.autodiff.kernel;

/**
 * The case of {@link FloatGemm} with a handful of outputs and a long depth, {@code C (m x n) = A B} with
 * {@code m n <= }{@value #MAX_OUTPUTS} and {@code k >= }{@value #MIN_DEPTH}, both operands contiguous along
 * {@code k}: the weight gradient of a convolution with few channels, {@code dW = g cols^T}, whose depth is every
 * position of every image of the batch. Packing would pad a 16 x 9 product to full tiles and stream both operands
 * through panels for almost no arithmetic; here each output is a dot product, the depth cut into chunks of
 * {@value #CHUNK} whose rows of {@code A} and {@code B} stay in cache while every pair is multiplied.
 *
 * <p>Chunks are summed in order, each chunk on some thread: the result does not depend on the thread count.
 */
final class FloatDots {
  static final int MAX_OUTPUTS = 256;
  static final int MIN_DEPTH = 2048;
  /** The depth from which one thread's dot products beat packing, for a product of one image. */
  static final int MIN_DEPTH_ON_THIS_THREAD = 256;
  private static final int CHUNK = 4096;

  private FloatDots() {}

  /** Whether the product goes here: few outputs, a long depth, {@code A}'s rows and {@code B}'s columns contiguous. */
  static boolean fits(int m, int n, int k, int csA, int rsB) {
    return csA == 1 && rsB == 1 && (long) m * n <= MAX_OUTPUTS && k >= MIN_DEPTH;
  }

  /** {@code C(i, j) = sum_p a[aOff + i rsA + p] b[bOff + p + j csB]}, {@code C(i, j)} at {@code c[cOff + i n + j]}. */
  static void gemm(int m, int n, int k, float[] a, int aOff, int rsA, float[] b, int bOff, int csB, float[] c,
      int cOff) {
    int chunks = (k + CHUNK - 1) / CHUNK;
    float[] partial = new float[chunks * m * n];
    int tasks = Math.min(Parallelism.threads(), chunks);
    Parallelism.run(tasks, t -> {
      for (int chunk = chunks * t / tasks; chunk < chunks * (t + 1) / tasks; chunk++) {
        int from = chunk * CHUNK;
        int len = Math.min(CHUNK, k - from);
        int out = chunk * m * n;
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            partial[out++] = FloatGemv.dot(a, aOff + i * rsA + from, b, bOff + j * csB + from, len);
          }
        }
      }
    });
    for (int e = 0; e < m * n; e++) {
      float sum = 0;
      for (int chunk = 0; chunk < chunks; chunk++) {
        sum += partial[chunk * m * n + e];
      }
      c[cOff + e] = sum;
    }
  }

  /**
   * {@code C(i, j) (+)= sum_p a[aOff + i rsA + p] b[bOff + p + j csB]} on the calling thread, {@code C(i, j)} at
   * {@code c[cOff + i ldc + j]}: one image's part of a convolution's weight gradient.
   */
  static void onThisThread(int m, int n, int k, float[] a, int aOff, int rsA, float[] b, int bOff, int csB,
      float[] c, int cOff, int ldc, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float dot = FloatGemv.dot(a, aOff + i * rsA, b, bOff + j * csB, k);
        int at = cOff + i * ldc + j;
        c[at] = accumulate ? c[at] + dot : dot;
      }
    }
  }
}
