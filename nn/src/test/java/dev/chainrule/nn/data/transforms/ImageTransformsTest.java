package dev.chainrule.nn.data.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.data.Batch;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** What each image transform computes, on tiny images with exact expected arrays, and its refusals. */
class ImageTransformsTest {
  /** One 2x2 image of one channel: 1 2 / 3 4. */
  private static final Tensor TWO_BY_TWO = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);

  private static Batch batch(Tensor features) {
    return new Batch(features, Tensor.arange(features.shape().dim(0)));
  }

  /**
   * The nine crops of the 2x2 image padded by 1, by offset (top, left) in [0, 2]^2: {@code 0 0 0 / 0 1 2 / 0 3 4}
   * cropped at (0, 0) is {@code 0 0 / 0 1}, and so on; (1, 1) is the image itself.
   */
  private static final float[][][] CROPS = {
      {{0, 0, 0, 1}, {0, 0, 1, 2}, {0, 0, 2, 0}},
      {{0, 1, 0, 3}, {1, 2, 3, 4}, {2, 0, 4, 0}},
      {{0, 3, 0, 0}, {3, 4, 0, 0}, {4, 0, 0, 0}}};

  @Test
  void randomCropPadsWithZerosAndCropsAtTheDrawnOffsetPerSample() {
    Tensor images = Tensor.concat(0, TWO_BY_TWO, TWO_BY_TWO, TWO_BY_TWO, TWO_BY_TWO, TWO_BY_TWO);
    Batch out = new RandomCrop(1).apply(batch(images), new Rng(7));
    Rng replay = new Rng(7); // the documented draws: per sample, top then left, each uniform in [0, 2p]
    float[] expected = new float[20];
    for (int s = 0; s < 5; s++) {
      int top = replay.nextInt(3);
      int left = replay.nextInt(3);
      System.arraycopy(CROPS[top][left], 0, expected, 4 * s, 4);
    }
    assertArrayEquals(expected, out.features().toFloatArray());
    assertEquals(images.shape(), out.features().shape());
    assertSame(DType.FLOAT32, out.features().dtype());
    assertArrayEquals(new double[] {0, 1, 2, 3, 4}, out.labels().toDoubleArray());
    assertArrayEquals(new float[] {1, 2, 3, 4}, TWO_BY_TWO.toFloatArray(), "the input is left as it was");
  }

  @Test
  void randomCropMovesAllChannelsOfASampleTogetherAndReachesEveryOffset() {
    Tensor twoChannels = Tensor.of(new double[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2);
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      float[] y = new RandomCrop(1).apply(batch(twoChannels), new Rng(seed)).features().toFloatArray();
      for (int k = 0; k < 4; k++) {
        assertEquals(10 * y[k], y[4 + k], "channel 1 is channel 0 times 10 after the same crop");
      }
      seen.add(java.util.Arrays.toString(java.util.Arrays.copyOf(y, 4)));
    }
    assertEquals(9, seen.size(), "all (2p + 1)^2 offsets occur: " + seen);
  }

  @Property(tries = 40)
  void randomCropKeepsTheShapeAndShiftsByAtMostThePadding(@ForAll @IntRange(min = 1, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 2) int c, @ForAll @IntRange(min = 1, max = 5) int h,
      @ForAll @IntRange(min = 1, max = 5) int w, @ForAll @IntRange(min = 0, max = 3) int p, @ForAll long seed) {
    Tensor x = Generators.uniform(Shape.of(n, c, h, w), seed, 1, 2); // no zeros, so a 0 is padding
    double[] in = x.toDoubleArray();
    double[] y = new RandomCrop(p).apply(batch(x), new Rng(seed)).features().toDoubleArray();
    Rng replay = new Rng(seed);
    for (int s = 0; s < n; s++) {
      int dy = replay.nextInt(2 * p + 1) - p;
      int dx = replay.nextInt(2 * p + 1) - p;
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            int si = i + dy;
            int sj = j + dx;
            double expected = si >= 0 && si < h && sj >= 0 && sj < w ? in[((s * c + ch) * h + si) * w + sj] : 0;
            assertEquals(expected, y[((s * c + ch) * h + i) * w + j], 1e-6);
          }
        }
      }
    }
  }

  @Test
  void horizontalFlipMirrorsTheChosenSamplesOnly() {
    Tensor images = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 1, 2, 3);
    assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10},
        new RandomHorizontalFlip(1).apply(batch(images), new Rng(1)).features().toFloatArray());
    assertArrayEquals(images.toFloatArray(),
        new RandomHorizontalFlip(0).apply(batch(images), new Rng(1)).features().toFloatArray());
    for (long seed = 0; seed < 20; seed++) {
      float[] y = new RandomHorizontalFlip().apply(batch(images), new Rng(seed)).features().toFloatArray();
      Rng replay = new Rng(seed);
      float[] first = replay.nextDouble() < 0.5 ? new float[] {3, 2, 1, 6, 5, 4} : new float[] {1, 2, 3, 4, 5, 6};
      float[] second = replay.nextDouble() < 0.5 ? new float[] {9, 8, 7, 12, 11, 10}
          : new float[] {7, 8, 9, 10, 11, 12};
      assertArrayEquals(first, java.util.Arrays.copyOfRange(y, 0, 6), "seed " + seed);
      assertArrayEquals(second, java.util.Arrays.copyOfRange(y, 6, 12), "seed " + seed);
    }
  }

  @Test
  void horizontalFlipHitsAboutHalfTheSamplesByDefault() {
    Tensor images = Tensor.of(new float[] {1, 2}, 1, 1, 1, 2).expand(1000, 1, 1, 2);
    float[] y = new RandomHorizontalFlip().apply(batch(images), new Rng(3)).features().toFloatArray();
    int flipped = 0;
    for (int s = 0; s < 1000; s++) {
      flipped += y[2 * s] == 2 ? 1 : 0;
    }
    assertTrue(flipped > 440 && flipped < 560, flipped + " of 1000 flipped"); // 0.5 +- 3.8 sigma
  }

  @Test
  void normalizeSubtractsTheMeanAndDividesByTheStdOfEachChannel() {
    Tensor images = Tensor.of(new double[] {1, 2, 3, 4, 10, 20, 30, 40, 5, 6, 7, 8, 50, 60, 70, 80}, 2, 2, 2, 2);
    Normalize normalize = new Normalize(new double[] {2, 20}, new double[] {0.5, 10});
    assertArrayEquals(new double[] {-2, 0, 2, 4, -1, 0, 1, 2, 6, 8, 10, 12, 3, 4, 5, 6},
        normalize.apply(batch(images), new Rng(0)).features().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {-2, -1, 6, 3},
        normalize.apply(batch(Tensor.of(new double[] {1, 10, 5, 50}, 2, 2)), new Rng(0)).features()
            .toDoubleArray(), 1e-12);
    assertTrue(!normalize.isAugmentation());
    assertTrue(new RandomCrop(1).isAugmentation() && new RandomHorizontalFlip().isAugmentation());
  }

  @Test
  void refusalsNameTheTransformAndTheShape() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new RandomCrop(1).apply(batch(Tensor.ones(2, 4)), new Rng(0)));
    assertTrue(e.getMessage().contains("RandomCrop") && e.getMessage().contains("(2, 4)")
        && e.getMessage().contains("(N, C, H, W)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new RandomHorizontalFlip().apply(batch(Tensor.ones(2, 1, 4)), new Rng(0)));
    assertTrue(e.getMessage().contains("RandomHorizontalFlip") && e.getMessage().contains("(2, 1, 4)"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Normalize(new double[] {0}, new double[] {1})
        .apply(batch(Tensor.ones(2, 3, 4, 4)), new Rng(0)));
    assertTrue(e.getMessage().contains("Normalize") && e.getMessage().contains("(2, 3, 4, 4)")
        && e.getMessage().contains("1 channels"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Normalize(new double[] {0}, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> new Normalize(new double[] {0, 1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new RandomCrop(-1));
    assertThrows(IllegalArgumentException.class, () -> new RandomHorizontalFlip(1.5));
  }
}
