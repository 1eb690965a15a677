package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.train.PlaneChart;

/**
 * A two-class "flower" in the plane that no straight line separates: points along the petals of the rose
 * {@code r = 4 sin(4 t)}, eight petals, each class on every other one. Class {@code c} takes angles spread over
 * {@code [c pi, (c + 1) pi)}, and because {@code sin(4 t)} changes sign every quarter turn, the two classes
 * interleave around the centre. Angle and radius both get Gaussian noise of standard deviation 0.2, so the petals
 * are fuzzy and touch near the centre. The point is {@code (r sin t, r cos t)}.
 *
 * @param x the points, FLOAT32 of shape {@code (n, 2)}
 * @param y the classes 0 and 1, FLOAT32 of shape {@code (n, 1)}
 */
record FlowerData(Tensor x, Tensor y) {
  static final double PETAL_LENGTH = 4;
  static final int PETALS_PER_HALF_TURN = 4;
  private static final double NOISE = 0.2;

  /** {@code perClass} points of each class, seeded by {@code rng}. */
  static FlowerData generate(int perClass, Rng rng) {
    checkArgument(perClass >= 2, "FlowerData: need at least 2 points per class, got %s", perClass);
    int n = 2 * perClass;
    double[] points = new double[2 * n];
    double[] labels = new double[n];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < perClass; i++) {
        double t = Math.PI * (c + (double) i / (perClass - 1)) + NOISE * rng.nextGaussian();
        double r = PETAL_LENGTH * Math.sin(PETALS_PER_HALF_TURN * t) + NOISE * rng.nextGaussian();
        int k = c * perClass + i;
        points[2 * k] = r * Math.sin(t);
        points[2 * k + 1] = r * Math.cos(t);
        labels[k] = c;
      }
    }
    return new FlowerData(Tensor.of(toFloats(points), n, 2), Tensor.of(toFloats(labels), n, 1));
  }

  private static float[] toFloats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** The number of points. */
  int size() {
    return y.size();
  }

  /** Adds the points to a chart as two groups, one per class. */
  PlaneChart draw(PlaneChart chart) {
    for (int c = 0; c < 2; c++) {
      int count = 0;
      for (int i = 0; i < size(); i++) {
        count += y.get(i) == c ? 1 : 0;
      }
      double[] xs = new double[count];
      double[] ys = new double[count];
      int k = 0;
      for (int i = 0; i < size(); i++) {
        if (y.get(i) == c) {
          xs[k] = x.get(2 * i);
          ys[k++] = x.get(2 * i + 1);
        }
      }
      chart.points("class " + c, xs, ys);
    }
    return chart;
  }
}
