package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.train.PlaneChart;

/**
 * The centres of a square grid of cells over {@code [min, max]^2}, as one batch of points, so a model or a loss
 * can be evaluated on the whole plane with one forward pass and drawn by {@link PlaneChart}.
 *
 * @param min the lower bound of both coordinates
 * @param max the upper bound of both coordinates
 * @param cells cells per side
 */
record PlaneGrid(double min, double max, int cells) {
  PlaneGrid {
    checkArgument(min < max && cells >= 2, "PlaneGrid: need min < max and at least 2 cells, got [%s, %s], %s",
        min, max, cells);
  }

  /** The cell centres as rows {@code (x, y)}, FLOAT32 of shape {@code (cells^2, 2)}, x varying fastest. */
  Tensor points() {
    double[] c = PlaneChart.centres(min, max, cells);
    float[] xy = new float[2 * cells * cells];
    for (int row = 0; row < cells; row++) {
      for (int col = 0; col < cells; col++) {
        int k = row * cells + col;
        xy[2 * k] = (float) c[col];
        xy[2 * k + 1] = (float) c[row];
      }
    }
    return Tensor.of(xy, cells * cells, 2);
  }

  /** One value per point of {@link #points()} (any shape of {@code cells^2} elements) as chart rows. */
  double[][] rows(Tensor values) {
    checkArgument(values.size() == cells * cells, "PlaneGrid.rows: %s values for %s x %s cells", values.size(),
        cells, cells);
    double[] flat = values.toDoubleArray();
    double[][] rows = new double[cells][cells];
    for (int row = 0; row < cells; row++) {
      System.arraycopy(flat, row * cells, rows[row], 0, cells);
    }
    return rows;
  }
}
