package dev.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatTanhTest {
  private static final int L = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();

  @Test
  void withinTwoUlpOfMathTanhAcrossBothBranches() {
    int n = 200_000 / L * L;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = -10f + 20f * i / n; // steps of 1e-4, crossing the branch point |x| = 1/2 on both sides
    }
    float[] out = new float[n];
    FloatTanh.apply(x, 0, out, 0, n);
    int worst = 0;
    float at = 0;
    for (int i = 0; i < n; i++) {
      int ulps = Math.abs(Float.floatToIntBits(out[i]) - Float.floatToIntBits((float) Math.tanh(x[i])));
      if (ulps > worst) {
        worst = ulps;
        at = x[i];
      }
    }
    assertTrue(worst <= 2, "worst " + worst + " ulp at x = " + at);
  }

  @Test
  void specialValues() {
    float[] x = pad(-0f, 0f, 1e-30f, -1e-7f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 90f,
        Math.nextDown(0.5f), 0.5f);
    float[] out = new float[x.length];
    FloatTanh.apply(x, 0, out, 0, x.length);
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(out[0]), "tanh(-0) = -0");
    assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(out[1]));
    assertEquals(1e-30f, out[2]);
    assertEquals(-1e-7f, out[3]);
    assertEquals(1f, out[4]);
    assertEquals(-1f, out[5]);
    assertTrue(Float.isNaN(out[6]));
    assertEquals(1f, out[7]);
    assertEquals((float) Math.tanh(Math.nextDown(0.5f)), out[8], Math.ulp(out[8]) * 2);
    assertEquals((float) Math.tanh(0.5f), out[9], Math.ulp(out[9]) * 2);
  }

  private static float[] pad(float... values) {
    float[] x = new float[(values.length + L - 1) / L * L];
    System.arraycopy(values, 0, x, 0, values.length);
    return x;
  }
}
