package dev.chainrule.autodiff.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Every vector kernel on fixed inputs, printed as raw bits: {@link KernelDeterminismTest} runs it interpreted in a
 * child JVM and compiled in its own, and the two must agree to the bit.
 */
public final class DeterminismProbe {
  private DeterminismProbe() {}

  public static void main(String[] args) {
    fingerprints().forEach(System.out::println);
  }

  static List<String> fingerprints() {
    Kernels k = VectorKernels.INSTANCE;
    int n = 67; // a few vectors and a tail
    float[] xf = new float[n];
    double[] xd = new double[n];
    for (int i = 0; i < n; i++) {
      xd[i] = Math.sin(i * 1.7) * (i % 5 + 1) * 3;
      xf[i] = (float) xd[i];
    }
    List<String> lines = new ArrayList<>();
    for (UnaryOp op : UnaryOp.values()) {
      float[] of = new float[n];
      double[] od = new double[n];
      k.unary(op, 1.5, xf, 0, of, 0, n);
      k.unary(op, 1.5, xd, 0, od, 0, n);
      lines.add(op + " " + bits(of) + " " + bits(od));
    }
    for (BinaryOp op : BinaryOp.values()) {
      float[] of = new float[n - 1];
      double[] od = new double[n - 1];
      k.binary(op, xf, 0, false, xf, 1, false, of, 0, n - 1);
      k.binary(op, xd, 0, false, xd, 1, false, od, 0, n - 1);
      lines.add(op + " " + bits(of) + " " + bits(od));
    }
    for (ReduceOp op : ReduceOp.values()) {
      float[] of = new float[1];
      double[] od = new double[1];
      k.reduce(op, xf, 1, n, 1, of);
      k.reduce(op, xd, 1, n, 1, od);
      lines.add(op + " " + bits(of) + " " + bits(od));
    }
    float[] lf = new float[n];
    double[] ld = new double[n];
    k.logSoftmax(xf, 1, n, 1, lf);
    k.logSoftmax(xd, 1, n, 1, ld);
    lines.add("logSoftmax " + bits(lf) + " " + bits(ld));
    return lines;
  }

  private static String bits(float[] v) {
    StringBuilder sb = new StringBuilder();
    for (float f : v) {
      sb.append(Integer.toHexString(Float.floatToRawIntBits(f))).append(',');
    }
    return sb.toString();
  }

  private static String bits(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (double d : v) {
      sb.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(',');
    }
    return sb.toString();
  }
}
