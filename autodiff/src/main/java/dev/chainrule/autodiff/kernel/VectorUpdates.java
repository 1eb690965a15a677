package dev.chainrule.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * In-place update loops for optimizers on the Vector API: the first {@code loopBound(n)} elements in vectors,
 * the rest through {@link UpdateMath}, the definition. Float loops cover a range {@code [from, to)} of {@code y}, so
 * a large update can be split among threads. Each loop performs the operations of its definition in
 * the same order and without fused multiply-add, so it matches the scalar reference bit for bit.
 */
final class VectorUpdates {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  private VectorUpdates() {}

  static void axpby(float alpha, float[] x, float beta, float[] y, int from, int to) {
    int bound = from + F.loopBound(to - from);
    for (int i = from; i < bound; i += F.length()) {
      FloatVector vy = FloatVector.fromArray(F, y, i);
      FloatVector.fromArray(F, x, i).mul(alpha).add(vy.mul(beta)).intoArray(y, i);
    }
    for (int i = bound; i < to; i++) {
      y[i] = UpdateMath.axpby(alpha, x[i], beta, y[i]);
    }
  }

  static void axpby(double alpha, double[] x, double beta, double[] y) {
    int n = y.length;
    int bound = D.loopBound(n);
    for (int i = 0; i < bound; i += D.length()) {
      DoubleVector vy = DoubleVector.fromArray(D, y, i);
      DoubleVector.fromArray(D, x, i).mul(alpha).add(vy.mul(beta)).intoArray(y, i);
    }
    for (int i = bound; i < n; i++) {
      y[i] = UpdateMath.axpby(alpha, x[i], beta, y[i]);
    }
  }

  static void addcmul(float beta, float value, float[] a, float[] b, float[] y, int from, int to) {
    int bound = from + F.loopBound(to - from);
    for (int i = from; i < bound; i += F.length()) {
      FloatVector product = FloatVector.fromArray(F, a, i).mul(value).mul(FloatVector.fromArray(F, b, i));
      FloatVector.fromArray(F, y, i).mul(beta).add(product).intoArray(y, i);
    }
    for (int i = bound; i < to; i++) {
      y[i] = UpdateMath.addcmul(beta, value, a[i], b[i], y[i]);
    }
  }

  static void addcmul(double beta, double value, double[] a, double[] b, double[] y) {
    int n = y.length;
    int bound = D.loopBound(n);
    for (int i = 0; i < bound; i += D.length()) {
      DoubleVector product = DoubleVector.fromArray(D, a, i).mul(value).mul(DoubleVector.fromArray(D, b, i));
      DoubleVector.fromArray(D, y, i).mul(beta).add(product).intoArray(y, i);
    }
    for (int i = bound; i < n; i++) {
      y[i] = UpdateMath.addcmul(beta, value, a[i], b[i], y[i]);
    }
  }

  static void addcdiv(float value, float[] a, float[] b, float[] y, int from, int to) {
    int bound = from + F.loopBound(to - from);
    for (int i = from; i < bound; i += F.length()) {
      FloatVector quotient = FloatVector.fromArray(F, a, i).mul(value).div(FloatVector.fromArray(F, b, i));
      FloatVector.fromArray(F, y, i).add(quotient).intoArray(y, i);
    }
    for (int i = bound; i < to; i++) {
      y[i] = UpdateMath.addcdiv(value, a[i], b[i], y[i]);
    }
  }

  static void addcdiv(double value, double[] a, double[] b, double[] y) {
    int n = y.length;
    int bound = D.loopBound(n);
    for (int i = 0; i < bound; i += D.length()) {
      DoubleVector quotient = DoubleVector.fromArray(D, a, i).mul(value).div(DoubleVector.fromArray(D, b, i));
      DoubleVector.fromArray(D, y, i).add(quotient).intoArray(y, i);
    }
    for (int i = bound; i < n; i++) {
      y[i] = UpdateMath.addcdiv(value, a[i], b[i], y[i]);
    }
  }

  static void addcdivSqrt(float value, float[] a, float[] b, float divisor, float eps, float[] y,
      int from, int to) {
    int bound = from + F.loopBound(to - from);
    for (int i = from; i < bound; i += F.length()) {
      FloatVector denominator = FloatVector.fromArray(F, b, i).sqrt().div(divisor).add(eps);
      FloatVector quotient = FloatVector.fromArray(F, a, i).mul(value).div(denominator);
      FloatVector.fromArray(F, y, i).add(quotient).intoArray(y, i);
    }
    for (int i = bound; i < to; i++) {
      y[i] = UpdateMath.addcdivSqrt(value, a[i], b[i], divisor, eps, y[i]);
    }
  }

  static void addcdivSqrt(double value, double[] a, double[] b, double divisor, double eps, double[] y) {
    int n = y.length;
    int bound = D.loopBound(n);
    for (int i = 0; i < bound; i += D.length()) {
      DoubleVector denominator = DoubleVector.fromArray(D, b, i).sqrt().div(divisor).add(eps);
      DoubleVector quotient = DoubleVector.fromArray(D, a, i).mul(value).div(denominator);
      DoubleVector.fromArray(D, y, i).add(quotient).intoArray(y, i);
    }
    for (int i = bound; i < n; i++) {
      y[i] = UpdateMath.addcdivSqrt(value, a[i], b[i], divisor, eps, y[i]);
    }
  }
}
