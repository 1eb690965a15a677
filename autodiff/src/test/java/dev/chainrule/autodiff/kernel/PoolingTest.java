package dev.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.Rng;
import org.junit.jupiter.api.Test;

/**
 * The pooling kernels split their planes among threads: the split decides which thread computes a plane, never
 * what it computes. (Their values are proven through the ops, against naive loops and PyTorch.)
 */
class PoolingTest {
  private static final int PLANES = 64 * 16;
  private static final int SIDE = 28;

  /** 2x2 windows with stride 2 over a side of 28, as the CNN pools. */
  private static int[][] halving() {
    int[][] taps = new int[SIDE / 2][];
    for (int i = 0; i < taps.length; i++) {
      taps[i] = new int[] {2 * i, 2 * i + 1};
    }
    return taps;
  }

  /** Without an index array (a forward under no-grad) the maxima are the same, on the pair loop and the general one. */
  @Test
  void withoutIndicesTheMaximaAreTheSame() {
    Rng rng = new Rng(4);
    int h = 12;
    int w = 10;
    double[] x = new double[3 * h * w];
    float[] xf = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 17 == 0 ? Double.NaN : rng.nextGaussian();
      xf[i] = (float) x[i];
    }
    int[][][] windows = {pairs(h / 2), slidingThree(h), pairs(w / 2), slidingThree(w)};
    for (int k = 0; k < 2; k++) {
      int[][] rows = windows[k];
      int[][] cols = windows[k + 2];
      int outputs = 3 * rows.length * cols.length;
      double[] withIndices = new double[outputs];
      double[] without = new double[outputs];
      Pooling.max(x, 3, h, w, rows, cols, withIndices, new int[outputs]);
      Pooling.max(x, 3, h, w, rows, cols, without, null);
      assertArrayEquals(withIndices, without);
      float[] withIndicesF = new float[outputs];
      float[] withoutF = new float[outputs];
      Pooling.max(xf, 3, h, w, rows, cols, withIndicesF, new int[outputs]);
      Pooling.max(xf, 3, h, w, rows, cols, withoutF, null);
      assertArrayEquals(withIndicesF, withoutF);
    }
  }

  private static int[][] pairs(int outputs) {
    int[][] taps = new int[outputs][];
    for (int o = 0; o < outputs; o++) {
      taps[o] = new int[] {2 * o, 2 * o + 1};
    }
    return taps;
  }

  /** Windows of 3 at stride 1 over {@code n} positions. */
  private static int[][] slidingThree(int n) {
    int[][] taps = new int[n - 2][];
    for (int o = 0; o < n - 2; o++) {
      taps[o] = new int[] {o, o + 1, o + 2};
    }
    return taps;
  }

  @Test
  void twoThreadsEqualOne() {
    int saved = Parallelism.threads();
    int[][] taps = halving();
    int[] div = new int[taps.length];
    java.util.Arrays.fill(div, 2);
    Rng rng = new Rng(9);
    double[] x = new double[PLANES * SIDE * SIDE];
    float[] xf = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
      xf[i] = (float) x[i];
    }
    int outputs = PLANES * taps.length * taps.length;
    try {
      double[][] y = new double[2][outputs];
      float[][] yf = new float[2][outputs];
      int[][] arg = new int[4][outputs];
      double[][] spread = new double[2][x.length];
      float[][] spreadF = new float[2][x.length];
      for (int t = 0; t < 2; t++) {
        Parallelism.setThreads(t + 1);
        Pooling.max(x, PLANES, SIDE, SIDE, taps, taps, y[t], arg[t]);
        Pooling.max(xf, PLANES, SIDE, SIDE, taps, taps, yf[t], arg[t + 2]);
        Pooling.spread(y[t], PLANES, SIDE, SIDE, taps, taps, div, div, spread[t]);
        Pooling.spread(yf[t], PLANES, SIDE, SIDE, taps, taps, div, div, spreadF[t]);
      }
      assertArrayEquals(y[0], y[1]);
      assertArrayEquals(yf[0], yf[1]);
      assertArrayEquals(arg[0], arg[1]);
      assertArrayEquals(arg[2], arg[3]);
      assertArrayEquals(spread[0], spread[1]);
      assertArrayEquals(spreadF[0], spreadF[1]);
      for (int t = 0; t < 2; t++) {
        Parallelism.setThreads(t + 1);
        Pooling.mean(x, PLANES, SIDE, SIDE, taps, taps, div, div, y[t]);
        Pooling.mean(xf, PLANES, SIDE, SIDE, taps, taps, div, div, yf[t]);
      }
      assertArrayEquals(y[0], y[1]);
      assertArrayEquals(yf[0], yf[1]);
      // The first plane's first window, by hand.
      assertEquals((x[0] + x[1] + x[SIDE] + x[SIDE + 1]) / 4, y[0][0], 1e-15);
    } finally {
      Parallelism.setThreads(saved);
    }
  }

  @Test
  void arraysThatDoNotFitThePlanesAreRefused() {
    int[][] taps = {{0, 1}};
    var e = assertThrows(IllegalArgumentException.class,
        () -> Pooling.max(new float[7], 2, 2, 2, taps, taps, new float[2], new int[2]));
    assertEquals("pooling: input of 7 elements is not 2 planes of 2 x 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Pooling.max(new double[8], 2, 2, 2, taps, taps, new double[2], new int[1]));
    assertEquals("pooling: output of 2 elements (indices 1) is not 2 planes of 1 x 1", e.getMessage());
  }
}
