package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jdk.incubator.vector.FloatVector;

/**
 * Kernels on the incubating Vector API with {@code SPECIES_PREFERRED} (8 floats on AVX2). This facade checks
 * the caller's sizes and offsets once, then hands the arrays to the class for each concern: elementwise,
 * reductions and log-softmax, GEMM, optimizer updates. Loaded by name from {@link KernelSelection} only when the module is present.
 */
final class VectorKernels implements Kernels {
  public static final VectorKernels INSTANCE = new VectorKernels();

  private VectorKernels() {}

  @Override
  public void unary(UnaryOp op, double p, float[] x, int xOff, float[] out, int outOff, int n) {
    checkRange("unary", "x", xOff, n, x.length);
    checkRange("unary", "out", outOff, n, out.length);
    checkNotNull(op);
    Parallelism.forRange(n, (lo, hi) -> FloatElementwise.unary(op, p, x, xOff + lo, out, outOff + lo, hi - lo));
  }

  @Override
  public void unary(UnaryOp op, double p, double[] x, int xOff, double[] out, int outOff, int n) {
    checkRange("unary", "x", xOff, n, x.length);
    checkRange("unary", "out", outOff, n, out.length);
    DoubleElementwise.unary(checkNotNull(op), p, x, xOff, out, outOff, n);
  }

  @Override
  public void binary(BinaryOp op, float[] a, int aOff, boolean aScalar, float[] b, int bOff, boolean bScalar,
      float[] out, int outOff, int n) {
    checkOperand(a.length, aOff, aScalar, b.length, bOff, bScalar, out.length, outOff, n);
    checkNotNull(op);
    Parallelism.forRange(n, (lo, hi) -> FloatElementwise.binary(op, a, aScalar ? aOff : aOff + lo, aScalar, b,
        bScalar ? bOff : bOff + lo, bScalar, out, outOff + lo, hi - lo));
  }

  @Override
  public void binary(BinaryOp op, double[] a, int aOff, boolean aScalar, double[] b, int bOff, boolean bScalar,
      double[] out, int outOff, int n) {
    checkOperand(a.length, aOff, aScalar, b.length, bOff, bScalar, out.length, outOff, n);
    DoubleElementwise.binary(checkNotNull(op), a, aOff, aScalar, b, bOff, bScalar, out, outOff, n);
  }

  @Override
  public void reduce(ReduceOp op, float[] x, int outer, int r, int inner, float[] out) {
    checkLayout("reduce", x.length, outer, r, inner, out.length, (long) outer * inner);
    FloatReductions.reduce(checkNotNull(op), x, outer, r, inner, out);
  }

  @Override
  public void reduce(ReduceOp op, double[] x, int outer, int r, int inner, double[] out) {
    checkLayout("reduce", x.length, outer, r, inner, out.length, (long) outer * inner);
    DoubleReductions.reduce(checkNotNull(op), x, outer, r, inner, out);
  }

  @Override
  public void argReduce(ReduceOp op, float[] x, int outer, int r, int inner, int[] out) {
    checkArg(op, x.length, outer, r, inner, out.length);
    FloatReductions.argReduce(op, x, outer, r, inner, out);
  }

  @Override
  public void argReduce(ReduceOp op, double[] x, int outer, int r, int inner, int[] out) {
    checkArg(op, x.length, outer, r, inner, out.length);
    DoubleReductions.argReduce(op, x, outer, r, inner, out);
  }

  @Override
  public void logSoftmax(float[] x, int outer, int r, int inner, float[] out) {
    checkLayout("logSoftmax", x.length, outer, r, inner, out.length, (long) outer * r * inner);
    FloatReductions.logSoftmax(x, outer, r, inner, out);
  }

  @Override
  public void logSoftmax(double[] x, int outer, int r, int inner, double[] out) {
    checkLayout("logSoftmax", x.length, outer, r, inner, out.length, (long) outer * r * inner);
    DoubleReductions.logSoftmax(x, outer, r, inner, out);
  }

  @Override
  public void gemm(int m, int n, int k, float[] a, int aOff, boolean transA, float[] b, int bOff, boolean transB,
      float[] c, int cOff) {
    checkGemm(m, n, k, a.length, aOff, b.length, bOff, c.length, cOff);
    FloatGemm.gemm(m, n, k, a, aOff, transA, b, bOff, transB, c, cOff);
  }

  @Override
  public void gemm(int m, int n, int k, double[] a, int aOff, boolean transA, double[] b, int bOff,
      boolean transB, double[] c, int cOff) {
    checkGemm(m, n, k, a.length, aOff, b.length, bOff, c.length, cOff);
    DoubleGemm.gemm(m, n, k, a, aOff, transA, b, bOff, transB, c, cOff);
  }

  @Override
  public void im2col(Im2colGeometry g, int batch, float[] x, float[] cols, int imageStride, int ld) {
    Im2colCheck.check("im2col", g, batch, x.length, cols.length, imageStride, ld);
    FloatIm2col.im2col(g, batch, x, cols, imageStride, ld);
  }

  @Override
  public void im2col(Im2colGeometry g, int batch, double[] x, double[] cols, int imageStride, int ld) {
    Im2colCheck.check("im2col", g, batch, x.length, cols.length, imageStride, ld);
    DoubleIm2col.im2col(g, batch, x, cols, imageStride, ld);
  }

  @Override
  public void convolve(Im2colGeometry g, int batch, int groups, int filters, float[] x, float[] w, float[] bias,
      float[] y) {
    Im2colCheck.convolution("convolve", g, batch, groups, filters, x.length, w.length, y.length,
        bias == null ? -1 : bias.length, filters);
    BatchedConvolution.FLOATS.forward(g, batch, groups, filters, x, w, bias, y);
  }

  @Override
  public void convolve(Im2colGeometry g, int batch, int groups, int filters, double[] x, double[] w,
      double[] bias, double[] y) {
    Im2colCheck.convolution("convolve", g, batch, groups, filters, x.length, w.length, y.length,
        bias == null ? -1 : bias.length, filters);
    BatchedConvolution.DOUBLES.forward(g, batch, groups, filters, x, w, bias, y);
  }

  @Override
  public void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, float[] gy, float[] w,
      float[] bias, float[] dx) {
    Im2colCheck.convolution("convolveTransposed", g, batch, groups, filters, dx.length, w.length, gy.length,
        bias == null ? -1 : bias.length, g.channels());
    BatchedConvolution.FLOATS.transposed(g, batch, groups, filters, gy, w, bias, dx);
  }

  @Override
  public void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, double[] gy, double[] w,
      double[] bias, double[] dx) {
    Im2colCheck.convolution("convolveTransposed", g, batch, groups, filters, dx.length, w.length, gy.length,
        bias == null ? -1 : bias.length, g.channels());
    BatchedConvolution.DOUBLES.transposed(g, batch, groups, filters, gy, w, bias, dx);
  }

  @Override
  public void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, float[] x, float[] gy,
      float[] dw) {
    Im2colCheck.convolution("convolveWeightGrad", g, batch, groups, filters, x.length, dw.length, gy.length, -1,
        0);
    BatchedConvolution.FLOATS.weightGradient(g, batch, groups, filters, x, gy, dw);
  }

  @Override
  public void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, double[] x, double[] gy,
      double[] dw) {
    Im2colCheck.convolution("convolveWeightGrad", g, batch, groups, filters, x.length, dw.length, gy.length, -1,
        0);
    BatchedConvolution.DOUBLES.weightGradient(g, batch, groups, filters, x, gy, dw);
  }

  @Override
  public void col2im(Im2colGeometry g, int batch, float[] cols, int imageStride, int ld, float[] x) {
    Im2colCheck.check("col2im", g, batch, x.length, cols.length, imageStride, ld);
    FloatIm2col.col2im(g, batch, cols, imageStride, ld, x);
  }

  @Override
  public void col2im(Im2colGeometry g, int batch, double[] cols, int imageStride, int ld, double[] x) {
    Im2colCheck.check("col2im", g, batch, x.length, cols.length, imageStride, ld);
    DoubleIm2col.col2im(g, batch, cols, imageStride, ld, x);
  }

  @Override
  public void axpby(double alpha, float[] x, double beta, float[] y) {
    UpdateMath.checkLengths("axpby", y.length, x.length, x.length);
    Parallelism.forRange(y.length, (lo, hi) -> VectorUpdates.axpby((float) alpha, x, (float) beta, y, lo, hi));
  }

  @Override
  public void axpby(double alpha, double[] x, double beta, double[] y) {
    UpdateMath.checkLengths("axpby", y.length, x.length, x.length);
    VectorUpdates.axpby(alpha, x, beta, y);
  }

  @Override
  public void addcmul(double beta, double value, float[] a, float[] b, float[] y) {
    UpdateMath.checkLengths("addcmul", y.length, a.length, b.length);
    Parallelism.forRange(y.length,
        (lo, hi) -> VectorUpdates.addcmul((float) beta, (float) value, a, b, y, lo, hi));
  }

  @Override
  public void addcmul(double beta, double value, double[] a, double[] b, double[] y) {
    UpdateMath.checkLengths("addcmul", y.length, a.length, b.length);
    VectorUpdates.addcmul(beta, value, a, b, y);
  }

  @Override
  public void addcdiv(double value, float[] a, float[] b, float[] y) {
    UpdateMath.checkLengths("addcdiv", y.length, a.length, b.length);
    Parallelism.forRange(y.length, (lo, hi) -> VectorUpdates.addcdiv((float) value, a, b, y, lo, hi));
  }

  @Override
  public void addcdiv(double value, double[] a, double[] b, double[] y) {
    UpdateMath.checkLengths("addcdiv", y.length, a.length, b.length);
    VectorUpdates.addcdiv(value, a, b, y);
  }

  @Override
  public void addcdivSqrt(double value, float[] a, float[] b, double divisor, double eps, float[] y) {
    UpdateMath.checkLengths("addcdivSqrt", y.length, a.length, b.length);
    Parallelism.forRange(y.length,
        (lo, hi) -> VectorUpdates.addcdivSqrt((float) value, a, b, (float) divisor, (float) eps, y, lo, hi));
  }

  @Override
  public void addcdivSqrt(double value, double[] a, double[] b, double divisor, double eps, double[] y) {
    UpdateMath.checkLengths("addcdivSqrt", y.length, a.length, b.length);
    VectorUpdates.addcdivSqrt(value, a, b, divisor, eps, y);
  }

  @Override
  public String name() {
    return "vector (" + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit)";
  }

  /** {@code [off, off + count)} lies within an array of {@code length}. */
  private static void checkRange(String op, String array, int off, long count, int length) {
    checkArgument(count >= 0, "%s: negative count %s", op, count);
    checkArgument(off >= 0 && off + count <= length, "%s: %s[%s, %s) is outside an array of length %s", op,
        array, off, off + count, length);
  }

  private static void checkOperand(int aLength, int aOff, boolean aScalar, int bLength, int bOff,
      boolean bScalar, int outLength, int outOff, int n) {
    checkRange("binary", "out", outOff, n, outLength);
    if (n > 0) {
      checkRange("binary", "a", aOff, aScalar ? 1 : n, aLength);
      checkRange("binary", "b", bOff, bScalar ? 1 : n, bLength);
    }
  }

  /** {@code x} holds {@code [outer, r, inner]} and {@code out} holds {@code outNeeded} elements. */
  private static void checkLayout(String op, int xLength, int outer, int r, int inner, int outLength,
      long outNeeded) {
    checkArgument(outer >= 0 && r >= 0 && inner >= 0, "%s: negative size in [outer %s, r %s, inner %s]", op,
        outer, r, inner);
    checkRange(op, "x", 0, (long) outer * r * inner, xLength);
    checkRange(op, "out", 0, outNeeded, outLength);
  }

  private static void checkArg(ReduceOp op, int xLength, int outer, int r, int inner, int outLength) {
    checkArgument(op != ReduceOp.SUM, "argReduce: SUM has no arg; use MAX or MIN");
    checkArgument(r > 0 || (long) outer * inner == 0, "argReduce: empty axis (r = 0) has no arg");
    checkLayout("argReduce", xLength, outer, r, inner, outLength, (long) outer * inner);
  }

  private static void checkGemm(int m, int n, int k, int aLength, int aOff, int bLength, int bOff, int cLength,
      int cOff) {
    checkArgument(m >= 0 && n >= 0 && k >= 0, "gemm: negative size m %s, n %s, k %s", m, n, k);
    checkRange("gemm", "a", aOff, (long) m * k, aLength);
    checkRange("gemm", "b", bOff, (long) k * n, bLength);
    checkRange("gemm", "c", cOff, (long) m * n, cLength);
  }
}
