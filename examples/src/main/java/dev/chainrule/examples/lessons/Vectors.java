package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

/** The few vector operations the lessons' small numerical methods need, on plain {@code double[]}. */
final class Vectors {
  private Vectors() {}

  /** {@code a . b}. */
  static double dot(double[] a, double[] b) {
    checkArgument(a.length == b.length, "Vectors.dot: vectors of %s and %s elements", a.length, b.length);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** The Euclidean norm {@code ||v||}. */
  static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  /** A new vector {@code alpha x + y}. */
  static double[] axpy(double alpha, double[] x, double[] y) {
    checkArgument(x.length == y.length, "Vectors.axpy: vectors of %s and %s elements", x.length, y.length);
    double[] result = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      result[i] = alpha * x[i] + y[i];
    }
    return result;
  }

  /** A new vector {@code alpha v}. */
  static double[] scale(double alpha, double[] v) {
    return axpy(alpha, v, new double[v.length]);
  }

  /** The unit vector {@code e_i} of dimension {@code n}. */
  static double[] unit(int n, int i) {
    checkArgument(i >= 0 && i < n, "Vectors.unit: index %s outside a vector of %s elements", i, n);
    double[] e = new double[n];
    e[i] = 1;
    return e;
  }
}
