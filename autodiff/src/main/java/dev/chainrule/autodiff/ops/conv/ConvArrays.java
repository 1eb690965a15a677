package dev.chainrule.autodiff.ops.conv;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.Im2colGeometry;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.ops.Compute;

/**
 * The array plumbing of the convolution ops for one storage type, so that each op's forward is written once
 * for float and double: every method is one kernel call, never a loop over elements. The convolution kernels
 * keep their own per-thread column buffers; outputs are always fresh arrays.
 */
abstract class ConvArrays {
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

  abstract void im2col(Im2colGeometry g, int batch, Object x, Object cols, int imageStride, int ld);

  abstract void col2im(Im2colGeometry g, int batch, Object cols, int imageStride, int ld, Object x);

  /** {@link Kernels#convolve(Im2colGeometry, int, int, int, float[], float[], float[], float[])}. */
  abstract void convolve(Im2colGeometry g, int batch, int groups, int filters, Object x, Object w, Object bias,
      Object y);

  /** {@link Kernels#convolveTransposed(Im2colGeometry, int, int, int, float[], float[], float[], float[])}. */
  abstract void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, Object gy, Object w,
      Object bias, Object dx);

  /** {@link Kernels#convolveWeightGrad(Im2colGeometry, int, int, int, float[], float[], float[])}. */
  abstract void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, Object x, Object gy,
      Object dw);

  private static final class Floats extends ConvArrays {
    @Override
    DType dtype() {
      return DType.FLOAT32;
    }

    @Override
    Object raw(Tensor t) {
      return t.rawFloats();
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
    void convolve(Im2colGeometry g, int batch, int groups, int filters, Object x, Object w, Object bias, Object y) {
      KERNELS.convolve(g, batch, groups, filters, (float[]) x, (float[]) w, (float[]) bias, (float[]) y);
    }

    @Override
    void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, Object gy, Object w, Object bias,
        Object dx) {
      KERNELS.convolveTransposed(g, batch, groups, filters, (float[]) gy, (float[]) w, (float[]) bias,
          (float[]) dx);
    }

    @Override
    void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, Object x, Object gy, Object dw) {
      KERNELS.convolveWeightGrad(g, batch, groups, filters, (float[]) x, (float[]) gy, (float[]) dw);
    }
  }

  private static final class Doubles extends ConvArrays {
    @Override
    DType dtype() {
      return DType.FLOAT64;
    }

    @Override
    Object raw(Tensor t) {
      return t.rawDoubles();
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
    void convolve(Im2colGeometry g, int batch, int groups, int filters, Object x, Object w, Object bias, Object y) {
      KERNELS.convolve(g, batch, groups, filters, (double[]) x, (double[]) w, (double[]) bias, (double[]) y);
    }

    @Override
    void convolveTransposed(Im2colGeometry g, int batch, int groups, int filters, Object gy, Object w, Object bias,
        Object dx) {
      KERNELS.convolveTransposed(g, batch, groups, filters, (double[]) gy, (double[]) w, (double[]) bias,
          (double[]) dx);
    }

    @Override
    void convolveWeightGrad(Im2colGeometry g, int batch, int groups, int filters, Object x, Object gy, Object dw) {
      KERNELS.convolveWeightGrad(g, batch, groups, filters, (double[]) x, (double[]) gy, (double[]) dw);
    }
  }
}
