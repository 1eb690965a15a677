package dev.chainrule.autodiff.ops.conv;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;
import dev.chainrule.autodiff.kernel.Im2colGeometry;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.ops.Compute;

/**
 * The array plumbing of the convolution ops for one storage type, so that each op's forward is written once
 * for float and double: every method is one kernel call (or one {@code System.arraycopy}), never a loop over
 * elements. Holds the per-thread scratch: the column matrix and the channel-major staging buffer of a batch
 * are reused from call to call on the same thread (grown when a call needs more), not allocated per step.
 * Scratch never leaves an op's forward: outputs are always fresh arrays.
 */
abstract class ConvArrays {
  /** Scratch slot of the column matrix. */
  static final int COLUMNS = 0;
  /** Scratch slot of a batch staged channel-major, {@code (C, N * L)}. */
  static final int STAGED = 1;

  private static final Kernels KERNELS = Compute.kernels();
  private static final ConvArrays FLOATS = new Floats();
  private static final ConvArrays DOUBLES = new Doubles();

  static ConvArrays of(DType dtype) {
    return dtype == DType.FLOAT32 ? FLOATS : DOUBLES;
  }

  abstract Object raw(Tensor t);

  /** A tensor of {@code shape} over fresh zeroed storage of this type. */
  Tensor allocate(Shape shape) {
    return Compute.allocate(dtype(), shape);
  }

  abstract DType dtype();

  /** This thread's scratch array in {@code slot}, at least {@code n} long; its contents are garbage. */
  abstract Object scratch(int slot, int n);

  abstract void im2col(Im2colGeometry g, int batch, Object x, Object cols, int imageStride, int ld);

  abstract void col2im(Im2colGeometry g, int batch, Object cols, int imageStride, int ld, Object x);

  abstract void gemm(int m, int n, int k, Object a, int aOff, boolean transA, Object b, int bOff, boolean transB,
      Object c, int cOff);

  /** {@code out[(n * channels + c) * plane + i] += bias[c]} for every image, channel and position. */
  abstract void addBias(Object out, Object bias, int batch, int channels, int plane);

  /**
   * Moves {@code batch} images of {@code channels x plane} between the batch-major layout {@code (N, C, L)} and
   * the channel-major one {@code (C, N * L)}, one {@code plane}-long run at a time.
   */
  static void stage(Object batchMajor, Object channelMajor, int batch, int channels, int plane, boolean toChannel) {
    int wide = batch * plane;
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        int b = (n * channels + c) * plane;
        int ch = c * wide + n * plane;
        if (toChannel) {
          System.arraycopy(batchMajor, b, channelMajor, ch, plane);
        } else {
          System.arraycopy(channelMajor, ch, batchMajor, b, plane);
        }
      }
    }
  }

  private static final class Floats extends ConvArrays {
    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[2][0]);

    @Override
    DType dtype() {
      return DType.FLOAT32;
    }

    @Override
    Object raw(Tensor t) {
      return t.rawFloats();
    }

    @Override
    Object scratch(int slot, int n) {
      float[][] buffers = scratch.get();
      if (buffers[slot].length < n) {
        buffers[slot] = new float[n];
      }
      return buffers[slot];
    }

    @Override
    void im2col(Im2colGeometry g, int batch, Object x, Object cols, int imageStride, int ld) {
      KERNELS.im2col(g, batch, (float[]) x, (float[]) cols, imageStride, ld);
    }

    @Override
    void col2im(Im2colGeometry g, int batch, Object cols, int imageStride, int ld, Object x) {
      KERNELS.col2im(g, batch, (float[]) cols, imageStride, ld, (float[]) x);
    }

    @Override
    void gemm(int m, int n, int k, Object a, int aOff, boolean transA, Object b, int bOff, boolean transB, Object c,
        int cOff) {
      KERNELS.gemm(m, n, k, (float[]) a, aOff, transA, (float[]) b, bOff, transB, (float[]) c, cOff);
    }

    @Override
    void addBias(Object out, Object bias, int batch, int channels, int plane) {
      float[] o = (float[]) out;
      for (int n = 0; n < batch; n++) {
        for (int c = 0; c < channels; c++) {
          int off = (n * channels + c) * plane;
          KERNELS.binary(BinaryOp.ADD, o, off, false, (float[]) bias, c, true, o, off, plane);
        }
      }
    }
  }

  private static final class Doubles extends ConvArrays {
    private final ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[2][0]);

    @Override
    DType dtype() {
      return DType.FLOAT64;
    }

    @Override
    Object raw(Tensor t) {
      return t.rawDoubles();
    }

    @Override
    Object scratch(int slot, int n) {
      double[][] buffers = scratch.get();
      if (buffers[slot].length < n) {
        buffers[slot] = new double[n];
      }
      return buffers[slot];
    }

    @Override
    void im2col(Im2colGeometry g, int batch, Object x, Object cols, int imageStride, int ld) {
      KERNELS.im2col(g, batch, (double[]) x, (double[]) cols, imageStride, ld);
    }

    @Override
    void col2im(Im2colGeometry g, int batch, Object cols, int imageStride, int ld, Object x) {
      KERNELS.col2im(g, batch, (double[]) cols, imageStride, ld, (double[]) x);
    }

    @Override
    void gemm(int m, int n, int k, Object a, int aOff, boolean transA, Object b, int bOff, boolean transB, Object c,
        int cOff) {
      KERNELS.gemm(m, n, k, (double[]) a, aOff, transA, (double[]) b, bOff, transB, (double[]) c, cOff);
    }

    @Override
    void addBias(Object out, Object bias, int batch, int channels, int plane) {
      double[] o = (double[]) out;
      for (int n = 0; n < batch; n++) {
        for (int c = 0; c < channels; c++) {
          int off = (n * channels + c) * plane;
          KERNELS.binary(BinaryOp.ADD, o, off, false, (double[]) bias, c, true, o, off, plane);
        }
      }
    }
  }
}
