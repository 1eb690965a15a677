package dev.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The 2x2, stride-2 max pool takes its own loop; it must agree with the window definition on every tie and NaN,
 * so values are drawn from a few levels (ties everywhere) with NaN among them.
 */
class PairMaxPoolingTest {
  private static int[][] pairs(int outputs) {
    int[][] taps = new int[outputs][];
    for (int o = 0; o < outputs; o++) {
      taps[o] = new int[] {2 * o, 2 * o + 1};
    }
    return taps;
  }

  @Property(tries = 200)
  void pairWindowsGiveTheFirstMaximumAndTheLastNan(@ForAll @IntRange(min = 1, max = 5) int planes,
      @ForAll @IntRange(min = 2, max = 9) int h, @ForAll @IntRange(min = 2, max = 60) int w,
      @ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    float[] levels = {-1f, 0f, 2f, Float.NaN, Float.NEGATIVE_INFINITY};
    float[] x = new float[planes * h * w];
    double[] xd = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = levels[random.nextInt(random.nextInt(4) == 0 ? 5 : 3)];
      xd[i] = x[i];
    }
    int oh = h / 2;
    int ow = w / 2;
    float[] y = new float[planes * oh * ow];
    int[] arg = new int[y.length];
    Pooling.max(x, planes, h, w, pairs(oh), pairs(ow), y, arg);
    double[] yd = new double[y.length];
    int[] argd = new int[y.length];
    Pooling.max(xd, planes, h, w, pairs(oh), pairs(ow), yd, argd);
    int out = 0;
    for (int p = 0; p < planes; p++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, out++) {
          int first = p * h * w + 2 * i * w + 2 * j;
          int[] taps = {first, first + 1, first + w, first + w + 1};
          float best = Float.NEGATIVE_INFINITY;
          int at = first;
          for (int t : taps) { // the definition: the first maximum, and a NaN wins and the last one stays
            if (x[t] > best || Float.isNaN(x[t])) {
              best = x[t];
              at = t;
            }
          }
          assertEquals(best, y[out], 0, "output " + out);
          assertEquals(at, arg[out], "index of output " + out);
        }
      }
    }
    assertArrayEquals(arg, argd, "float and double pick the same taps");
  }

  @Test
  void onlyPairWindowsTakeTheLoop() {
    assertTrue(PairMaxPooling.isPairs(pairs(3)));
    assertTrue(PairMaxPooling.isPairs(new int[0][]));
    assertFalse(PairMaxPooling.isPairs(new int[][] {{0, 1}, {1, 2}}), "stride 1");
    assertFalse(PairMaxPooling.isPairs(new int[][] {{0}, {1, 2}}), "padding clipped the first window");
    assertFalse(PairMaxPooling.isPairs(new int[][] {{0, 2}}), "dilation 2");
  }
}
