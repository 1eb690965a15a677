package dev.chainrule.autodiff.kernel;

/**
 * Loops over plain row-major arrays: the only place where chainrule spends arithmetic. There is no tensor,
 * shape object or graph here, only arrays, offsets and counts.
 *
 * <p>Two implementations sit behind this interface: {@link ScalarKernels}, plain Java and the reference, and
 * {@code VectorKernels}, which uses the incubating Vector API. {@link #get()} picks the vector one when the JVM
 * was started with {@code --add-modules jdk.incubator.vector} and falls back to the scalar one, with a
 * one-line warning, otherwise.
 *
 * <p>Layout conventions. A reduction or a softmax works along the middle axis of an array viewed as
 * {@code [outer, r, inner]}: element {@code (o, j, i)} sits at {@code (o * r + j) * inner + i}, and the result
 * of a reduction is {@code [outer, inner]}. A binary operand with {@code scalar = true} is the single value at
 * its offset, repeated {@code n} times (how broadcasting reaches a kernel). GEMM is row-major with the
 * leading dimension implied by the shape: {@code A} is {@code m x k} ({@code k x m} if transposed).
 */
public interface Kernels {

  /** The implementation for this JVM: vector when the Vector API module is present, scalar otherwise. */
  static Kernels get() {
    return KernelSelection.selected();
  }

  /** The plain-Java reference implementation. */
  static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /** {@code out[outOff + i] = op(x[xOff + i]; p)} for {@code i < n}. */
  void unary(UnaryOp op, double p, float[] x, int xOff, float[] out, int outOff, int n);

  /** As {@link #unary(UnaryOp, double, float[], int, float[], int, int)} in double precision. */
  void unary(UnaryOp op, double p, double[] x, int xOff, double[] out, int outOff, int n);

  /**
   * {@code out[outOff + i] = op(a[aOff + (aScalar ? 0 : i)], b[bOff + (bScalar ? 0 : i)])} for {@code i < n}.
   */
  void binary(BinaryOp op, float[] a, int aOff, boolean aScalar, float[] b, int bOff, boolean bScalar,
      float[] out, int outOff, int n);

  /** As the float version, in double precision. */
  void binary(BinaryOp op, double[] a, int aOff, boolean aScalar, double[] b, int bOff, boolean bScalar,
      double[] out, int outOff, int n);

  /** Reduces {@code x} viewed as {@code [outer, r, inner]} along the middle axis into {@code out[outer * inner]}. */
  void reduce(ReduceOp op, float[] x, int outer, int r, int inner, float[] out);

  /** As the float version, in double precision. */
  void reduce(ReduceOp op, double[] x, int outer, int r, int inner, double[] out);

  /**
   * Index along the middle axis of the first largest ({@code MAX}) or smallest ({@code MIN}) element, for each
   * of the {@code outer * inner} positions. NaN counts as largest and as smallest, like NumPy.
   */
  void argReduce(ReduceOp op, float[] x, int outer, int r, int inner, int[] out);

  /** As the float version, in double precision. */
  void argReduce(ReduceOp op, double[] x, int outer, int r, int inner, int[] out);

  /**
   * Numerically stable log-softmax along the middle axis of {@code [outer, r, inner]}:
   * {@code out = (x - max) - ln(sum(exp(x - max)))}, subtracting in that order: {@code max + ln(sum)} rounded
   * first would cost a large row most of its float precision.
   */
  void logSoftmax(float[] x, int outer, int r, int inner, float[] out);

  /** As the float version, in double precision. */
  void logSoftmax(double[] x, int outer, int r, int inner, double[] out);

  /**
   * {@code C = op(A) op(B)}, overwriting {@code C} ({@code m x n}); {@code op(A)} is {@code m x k} and
   * {@code op(B)} is {@code k x n}.
   */
  void gemm(int m, int n, int k, float[] a, int aOff, boolean transA, float[] b, int bOff, boolean transB,
      float[] c, int cOff);

  /** As the float version, in double precision. */
  void gemm(int m, int n, int k, double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
      double[] c, int cOff);

  /**
   * im2col of {@code batch} images: for image {@code n}, column-matrix element {@code (r, l)} (see
   * {@link Im2colGeometry}) goes to {@code cols[n * imageStride + r * ld + l]}, read from
   * {@code x[n * imageSize + (c * height + ih) * width + iw]}, or 0 where the tap lies in the padding. Every
   * element of every column matrix is written, so {@code cols} may be reused scratch. {@code imageStride =
   * rows * columns, ld = columns} is PyTorch's {@code unfold} layout {@code (N, rows, L)};
   * {@code imageStride = columns, ld = batch * columns} puts the whole batch side by side in one matrix
   * {@code (rows, N * L)} for a single large GEMM.
   */
  void im2col(Im2colGeometry g, int batch, float[] x, float[] cols, int imageStride, int ld);

  /** As the float version, in double precision. */
  void im2col(Im2colGeometry g, int batch, double[] x, double[] cols, int imageStride, int ld);

  /**
   * col2im, the adjoint of {@link #im2col(Im2colGeometry, int, float[], float[], int, int)} in the same layout:
   * adds every column-matrix element to the image element it was read from ({@code x +=}), overlapping windows
   * summing, taps in the padding dropped. Images are disjoint, so the batch may run in parallel.
   */
  void col2im(Im2colGeometry g, int batch, float[] cols, int imageStride, int ld, float[] x);

  /** As the float version, in double precision. */
  void col2im(Im2colGeometry g, int batch, double[] cols, int imageStride, int ld, double[] x);

  /**
   * A convolution of {@code batch} images, {@code y (N, F, L) = conv(x, w) + bias}: image {@code n} of {@code x} is
   * {@code g}'s image at {@code n * imageSize}, {@code w} is {@code (F, rows / groups)} (PyTorch's
   * {@code (F, C/groups, kh, kw)}), {@code L} is {@code g}'s grid, and with {@code cols_n} the im2col of image
   * {@code n}, {@code y[n, f, l] = bias[f] + sum_{r < rows/groups} w[f, r] cols_n[q (rows/groups) + r, l]} for
   * {@code f} in group {@code q = f / (F/groups)}. A null {@code bias} is none; {@code y} is overwritten.
   */
  void convolve(Im2colGeometry g, int batch, int groups, int filters, float[] x, float[] w, float[] bias,
      float[] y);

  /** As the float version, in double precision. */
  void convolve(Im2colGeometry g, int batch, int groups, int filters, double[] x, double[] w, double[] bias,
      double[] y);

  /**
   * The transposed convolution, the adjoint of {@link #convolve(Im2colGeometry, int, int, int, float[], float[],
   * float[], float[])} in its image: {@code dx = col2im(W^T gy) + bias} per image and group, {@code gy} of shape
   * {@code (N, F, L)} on {@code g}'s grid, {@code dx} of {@code g}'s image size per image and {@code bias} one
   * value per image channel (null for none); {@code dx} is overwritten.
   */
  void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, float[] gy, float[] w,
      float[] bias, float[] dx);

  /** As the float version, in double precision. */
  void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, double[] gy, double[] w,
      double[] bias, double[] dx);

  /**
   * The weight gradient of {@link #convolve(Im2colGeometry, int, int, int, float[], float[], float[], float[])}:
   * {@code dw[f, r] = sum_{n, l} gy[n, f, l] cols_n[q (rows/groups) + r, l]}, {@code dw (F, rows / groups)}
   * overwritten. The sum does not depend on the number of threads.
   */
  void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, float[] x, float[] gy,
      float[] dw);

  /** As the float version, in double precision. */
  void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, double[] x, double[] gy,
      double[] dw);

  // In-place updates for optimizers: every operand has the length of y, which is overwritten element by element,
  // so an operand may be y itself. Float versions round the scalar coefficients to float once.

  /** {@code y[i] = alpha * x[i] + beta * y[i]} (BLAS axpby). */
  void axpby(double alpha, float[] x, double beta, float[] y);

  /** As the float version, in double precision. */
  void axpby(double alpha, double[] x, double beta, double[] y);

  /** {@code y[i] = beta * y[i] + value * a[i] * b[i]}. */
  void addcmul(double beta, double value, float[] a, float[] b, float[] y);

  /** As the float version, in double precision. */
  void addcmul(double beta, double value, double[] a, double[] b, double[] y);

  /** {@code y[i] += value * a[i] / b[i]}. */
  void addcdiv(double value, float[] a, float[] b, float[] y);

  /** As the float version, in double precision. */
  void addcdiv(double value, double[] a, double[] b, double[] y);

  /**
   * {@code y[i] += value * a[i] / (sqrt(b[i]) / divisor + eps)}: the parameter update of Adam, RMSprop and
   * Adagrad in one pass, without materialising the denominator.
   */
  void addcdivSqrt(double value, float[] a, float[] b, double divisor, double eps, float[] y);

  /** As the float version, in double precision. */
  void addcdivSqrt(double value, double[] a, double[] b, double divisor, double eps, double[] y);

  /** A short name for logs and benchmarks, e.g. {@code "vector (256-bit)"}. */
  String name();
}
