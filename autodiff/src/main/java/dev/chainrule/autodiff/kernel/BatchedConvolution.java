package dev.chainrule.autodiff.kernel;

import java.util.Arrays;

/**
 * The convolution kernels of {@link VectorKernels}, one image at a time: im2col of one image into this thread's
 * column buffer ({@code rows x L}, a hundred KiB for a small CNN, so it stays in L2), then one GEMM per group
 * that reads it there and writes the image's output in place, {@code (F, L)} rows {@code L} apart in the NCHW
 * result. Threads take contiguous runs of images. Doing the whole batch as one wide GEMM instead needs a column
 * matrix of megabytes and a channel-major copy of the output: both leave the caches, and the CNN's second
 * convolution ran at half the speed that way. A 1x1 window with stride 1 and no padding skips im2col (an image is
 * its own column matrix). With {@code kg = rows / groups} and {@code fg = F / groups}, for image {@code n} and
 * group {@code q}, {@code cols} its column matrix and {@code W_q} the {@code fg x kg} block of the weight:
 *
 * <ul>
 *   <li>{@link #forward}: {@code y_n[q] = b + W_q cols_n[q]} (the bias written first, the GEMM adds to it);
 *   <li>{@link #transposed}: {@code cols = W_q^T g_n[q]}, then {@code dx_n = b + col2im(cols)};
 *   <li>{@link #weightGradient}: {@code dW_q = sum_n g_n[q] cols_n[q]^T}, each of a fixed number of runs of
 *       images summed into its own partial and the partials added in order, so the result does not depend on
 *       the number of threads.
 * </ul>
 *
 * @param <A> the storage, {@code float[]} or {@code double[]}
 */
final class BatchedConvolution<A> {
  /** Runs of images whose weight-gradient partials are summed: enough to keep two to four threads busy. */
  private static final int WEIGHT_RUNS = 4;

  static final BatchedConvolution<float[]> FLOATS = new BatchedConvolution<>(new FloatStorage());
  static final BatchedConvolution<double[]> DOUBLES = new BatchedConvolution<>(new DoubleStorage());

  /** What the driver needs of one storage type, each a call into that type's kernel classes. */
  private interface Storage<A> {
    /** This thread's column buffer, at least {@code n} long; its contents are garbage. */
    A scratch(int n);

    A allocate(int n);

    /** The column matrix of the image at {@code xOff} into {@code cols}, {@code L} wide. */
    void im2col(Im2colGeometry g, A x, int xOff, A cols);

    /** Adds the column matrix {@code cols} to the image at {@code xOff}; {@code cols} is scratch it may change. */
    void col2im(Im2colGeometry g, A cols, A x, int xOff);

    void gemm(int m, int n, int k, A a, int aOff, boolean transA, A b, int bOff, boolean transB, A c, int cOff,
        int ldc, boolean accumulate);

    /** {@code a[from, to) = values[at]}, or 0 when {@code values} is null. */
    void fill(A a, int from, int to, A values, int at);

    /** {@code to[i] += from[i]} for {@code i < n}. */
    void add(A from, A to, int n);
  }

  private final Storage<A> storage;

  private BatchedConvolution(Storage<A> storage) {
    this.storage = storage;
  }

  /** This thread's column buffer, at least {@code n} long (grown if shorter), reused by every call. */
  A columns(int n) {
    return storage.scratch(n);
  }

  /** {@code y (N, F, L) = conv(x (N, C, H, W), w (F, kg)) + bias (F) or none}; {@code y} is overwritten. */
  void forward(Im2colGeometry g, int batch, int groups, int filters, A x, A w, A bias, A y) {
    int plane = g.columns();
    int kg = g.rows() / groups;
    int fg = filters / groups;
    boolean pointwise = isPointwise(g);
    forImages(g, batch, (from, to) -> {
      A cols = pointwise ? x : storage.scratch(g.rows() * plane);
      for (int n = from; n < to; n++) {
        int colsOff = pointwise ? n * g.imageSize() : 0;
        if (!pointwise) {
          storage.im2col(g, x, n * g.imageSize(), cols);
        }
        int yOff = n * filters * plane;
        if (bias != null) {
          for (int f = 0; f < filters; f++) {
            storage.fill(y, yOff + f * plane, yOff + (f + 1) * plane, bias, f);
          }
        }
        for (int q = 0; q < groups; q++) {
          storage.gemm(fg, plane, kg, w, q * fg * kg, false, cols, colsOff + q * kg * plane, false, y,
              yOff + q * fg * plane, plane, bias != null);
        }
      }
    });
  }

  /**
   * {@code dx (N, C, H, W) = convTranspose(gy (N, F, L), w (F, kg)) + bias (C) or none}, the adjoint of
   * {@link #forward} in {@code x}; {@code dx} is overwritten.
   */
  void transposed(Im2colGeometry g, int batch, int groups, int filters, A gy, A w, A bias, A dx) {
    int plane = g.columns();
    int kg = g.rows() / groups;
    int fg = filters / groups;
    int area = g.height() * g.width();
    boolean pointwise = isPointwise(g);
    forImages(g, batch, (from, to) -> {
      A cols = pointwise ? null : storage.scratch(g.rows() * plane);
      for (int n = from; n < to; n++) {
        int dxOff = n * g.imageSize();
        int gyOff = n * filters * plane;
        for (int c = 0; c < g.channels(); c++) {
          storage.fill(dx, dxOff + c * area, dxOff + (c + 1) * area, bias, c);
        }
        for (int q = 0; q < groups; q++) {
          if (pointwise) {
            storage.gemm(kg, plane, fg, w, q * fg * kg, true, gy, gyOff + q * fg * plane, false, dx,
                dxOff + q * kg * plane, plane, true);
          } else {
            storage.gemm(kg, plane, fg, w, q * fg * kg, true, gy, gyOff + q * fg * plane, false, cols,
                q * kg * plane, plane, false);
          }
        }
        if (!pointwise) {
          storage.col2im(g, cols, dx, dxOff);
        }
      }
    });
  }

  /** {@code dw (F, kg) = sum_n gy_n (F, L) cols(x_n)^T} per group; {@code dw} is overwritten. */
  void weightGradient(Im2colGeometry g, int batch, int groups, int filters, A x, A gy, A dw) {
    int plane = g.columns();
    int kg = g.rows() / groups;
    int fg = filters / groups;
    int size = filters * kg;
    if (batch == 0) {
      storage.fill(dw, 0, size, null, 0);
      return;
    }
    boolean pointwise = isPointwise(g);
    int runs = Math.min(batch, WEIGHT_RUNS);
    Object[] partials = new Object[runs];
    partials[0] = dw;
    for (int r = 1; r < runs; r++) {
      partials[r] = storage.allocate(size);
    }
    int tasks = isSmall(g, batch) ? 1 : Math.min(runs, Parallelism.threads());
    Parallelism.run(tasks, t -> {
      A cols = pointwise ? x : storage.scratch(g.rows() * plane);
      for (int r = t; r < runs; r += tasks) {
        @SuppressWarnings("unchecked")
        A partial = (A) partials[r];
        int first = (int) ((long) batch * r / runs);
        int end = (int) ((long) batch * (r + 1) / runs);
        for (int n = first; n < end; n++) {
          int colsOff = pointwise ? n * g.imageSize() : 0;
          if (!pointwise) {
            storage.im2col(g, x, n * g.imageSize(), cols);
          }
          for (int q = 0; q < groups; q++) {
            storage.gemm(fg, kg, plane, gy, n * filters * plane + q * fg * plane, false, cols,
                colsOff + q * kg * plane, true, partial, q * fg * kg, kg, n > first);
          }
        }
      }
    });
    for (int r = 1; r < runs; r++) {
      @SuppressWarnings("unchecked")
      A partial = (A) partials[r];
      storage.add(partial, dw, size);
    }
  }

  /** A 1x1 window at stride 1 without padding: each image is its own column matrix. */
  private static boolean isPointwise(Im2colGeometry g) {
    return g.kernelH() == 1 && g.kernelW() == 1 && g.strideH() == 1 && g.strideW() == 1 && g.padTop() == 0
        && g.padLeft() == 0 && g.outH() == g.height() && g.outW() == g.width();
  }

  /** Too little work to hand half of it to another thread. */
  private static boolean isSmall(Im2colGeometry g, int batch) {
    return (long) batch * g.rows() * g.columns() < Parallelism.MIN_PARALLEL_ELEMENTS;
  }

  /** Runs {@code images} over contiguous runs of the batch, one per thread unless the work is small. */
  private static void forImages(Im2colGeometry g, int batch, Parallelism.RangeTask images) {
    if (batch == 0) {
      return;
    }
    int tasks = isSmall(g, batch) ? 1 : Math.min(batch, Parallelism.threads());
    Parallelism.run(tasks, t -> images.run((int) ((long) batch * t / tasks), (int) ((long) batch * (t + 1) / tasks)));
  }

  private static final class FloatStorage implements Storage<float[]> {
    private final ThreadLocal<float[][]> columns = ThreadLocal.withInitial(() -> new float[1][0]);

    @Override
    public float[] scratch(int n) {
      float[][] holder = columns.get();
      if (holder[0].length < n) {
        holder[0] = new float[n];
      }
      return holder[0];
    }

    @Override
    public float[] allocate(int n) {
      return new float[n];
    }

    @Override
    public void im2col(Im2colGeometry g, float[] x, int xOff, float[] cols) {
      FloatIm2col.im2colImage(g, x, xOff, cols, 0, g.columns());
    }

    @Override
    public void col2im(Im2colGeometry g, float[] cols, float[] x, int xOff) {
      FloatIm2col.col2imImage(g, cols, 0, g.columns(), x, xOff, true);
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, boolean transA, float[] b, int bOff, boolean transB,
        float[] c, int cOff, int ldc, boolean accumulate) {
      FloatGemm.onThisThread(m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, ldc, accumulate);
    }

    @Override
    public void fill(float[] a, int from, int to, float[] values, int at) {
      Arrays.fill(a, from, to, values == null ? 0f : values[at]);
    }

    @Override
    public void add(float[] from, float[] to, int n) {
      FloatElementwise.binary(BinaryOp.ADD, to, 0, false, from, 0, false, to, 0, n);
    }
  }

  private static final class DoubleStorage implements Storage<double[]> {
    private final ThreadLocal<double[][]> columns = ThreadLocal.withInitial(() -> new double[1][0]);

    @Override
    public double[] scratch(int n) {
      double[][] holder = columns.get();
      if (holder[0].length < n) {
        holder[0] = new double[n];
      }
      return holder[0];
    }

    @Override
    public double[] allocate(int n) {
      return new double[n];
    }

    @Override
    public void im2col(Im2colGeometry g, double[] x, int xOff, double[] cols) {
      DoubleIm2col.im2colImage(g, x, xOff, cols, 0, g.columns());
    }

    @Override
    public void col2im(Im2colGeometry g, double[] cols, double[] x, int xOff) {
      DoubleIm2col.col2imImage(g, cols, 0, g.columns(), x, xOff);
    }

    @Override
    public void gemm(int m, int n, int k, double[] a, int aOff, boolean transA, double[] b, int bOff,
        boolean transB, double[] c, int cOff, int ldc, boolean accumulate) {
      DoubleGemm.onThisThread(m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, ldc, accumulate);
    }

    @Override
    public void fill(double[] a, int from, int to, double[] values, int at) {
      Arrays.fill(a, from, to, values == null ? 0d : values[at]);
    }

    @Override
    public void add(double[] from, double[] to, int n) {
      DoubleElementwise.binary(BinaryOp.ADD, to, 0, false, from, 0, false, to, 0, n);
    }
  }
}
