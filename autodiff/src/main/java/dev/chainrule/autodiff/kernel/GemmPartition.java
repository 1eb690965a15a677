package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Verify.verify;

/**
 * How a GEMM {@code C (m x n) = A (m x k) B (k x n)} is shared among threads: each task owns a contiguous
 * range of rows of {@code C} (or of columns, when {@code n > m}) aligned to the micro-kernel tile, and runs the
 * whole serial algorithm on it with its own packing buffers. Products under {@link #MIN_PARALLEL_WORK}
 * multiply-adds stay on the calling thread, where a fork would cost more than it saves.
 */
final class GemmPartition {
  /** 256^3 multiply-adds: below this a second thread does not pay for itself. */
  static final long MIN_PARALLEL_WORK = 256L * 256 * 256;

  final int tasks;
  final boolean byRows;
  private final int extent;
  private final int unit;

  /**
   * @param rowUnit rows per micro-tile (MR)
   * @param colUnit columns per micro-tile (NR)
   */
  GemmPartition(int m, int n, int k, int rowUnit, int colUnit) {
    this.byRows = m >= n;
    this.extent = byRows ? m : n;
    this.unit = byRows ? rowUnit : colUnit;
    int tiles = (extent + unit - 1) / unit;
    long work = (long) m * n * k;
    this.tasks = work < MIN_PARALLEL_WORK ? 1 : Math.max(1, Math.min(Parallelism.threads(), tiles));
  }

  /** First row (or column) of task {@code t}; task {@code t} ends where task {@code t + 1} starts. */
  int start(int t) {
    verify(t >= 0 && t <= tasks, "task %s of %s", t, tasks);
    int tiles = (extent + unit - 1) / unit;
    return Math.min(extent, (int) ((long) tiles * t / tasks) * unit);
  }
}
