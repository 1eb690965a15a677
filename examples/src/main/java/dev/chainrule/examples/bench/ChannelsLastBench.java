package dev.chainrule.examples.bench;

import dev.chainrule.autodiff.kernel.Im2colGeometry;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.kernel.Parallelism;
import java.util.Arrays;
import java.util.Locale;

/**
 * Would a channels-last internal layout pay? The CNN's second convolution (64 images of 16 x 14 x 14, 32 filters
 * of 3x3, padding 1) forward on one thread, both ways, image by image:
 *
 * <ul>
 *   <li>NCHW, as chainrule runs it ({@link Kernels#convolve}): im2col {@code (C kh kw, L)} copies image rows, then
 *       {@code y_n (F, L) = W (F, C kh kw) cols}.
 *   <li>NHWC: the columns {@code (L, kh kw C)} copy one run of {@code C} channels per position and tap, then
 *       {@code y_n (L, F) = cols W^T}, a product of exactly one 32-column panel.
 * </ul>
 *
 * The NHWC input and weight are laid out once, outside the timing, and its output stays channels-last: the
 * conversions a real switch would need at the model's edges are left out, in its favour. Prints both times, their
 * ratio, and the largest difference between the outputs. Run after a build, from the project's root, with
 * {@code java --add-modules jdk.incubator.vector -cp
 * "examples/target/classes:$(cat examples/target/chainrule.classpath)" dev.chainrule.examples.bench.ChannelsLastBench}.
 */
public final class ChannelsLastBench {
  private static final int BATCH = 64;
  private static final int CHANNELS = 16;
  private static final int SIDE = 14;
  private static final int FILTERS = 32;
  private static final int TAPS = 9;

  private ChannelsLastBench() {}

  public static void main(String[] args) {
    Parallelism.setThreads(1);
    Kernels kernels = Kernels.get();
    int plane = SIDE * SIDE;
    int rows = CHANNELS * TAPS;
    float[] x = new float[BATCH * CHANNELS * plane];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    float[] w = new float[FILTERS * rows];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.cos(i);
    }
    float[] lastX = new float[x.length]; // (N, H, W, C)
    for (int n = 0; n < BATCH; n++) {
      for (int c = 0; c < CHANNELS; c++) {
        for (int p = 0; p < plane; p++) {
          lastX[(n * plane + p) * CHANNELS + c] = x[(n * CHANNELS + c) * plane + p];
        }
      }
    }
    float[] lastW = new float[rows * FILTERS]; // (kh kw C, F), rows in the NHWC columns' order
    for (int f = 0; f < FILTERS; f++) {
      for (int c = 0; c < CHANNELS; c++) {
        for (int t = 0; t < TAPS; t++) {
          lastW[(t * CHANNELS + c) * FILTERS + f] = w[f * rows + c * TAPS + t];
        }
      }
    }
    Im2colGeometry g = new Im2colGeometry(CHANNELS, SIDE, SIDE, 3, 3, 1, 1, 1, 1, 1, 1, SIDE, SIDE);
    float[] y = new float[BATCH * FILTERS * plane];
    float[] lastY = new float[y.length];
    float[] cols = new float[plane * rows];
    BenchTimer.Timing first = BenchTimer.best(() -> kernels.convolve(g, BATCH, 1, FILTERS, x, w, null, y));
    BenchTimer.Timing last = BenchTimer.best(() -> {
      for (int n = 0; n < BATCH; n++) {
        channelsLastColumns(lastX, n, cols);
        kernels.gemm(plane, FILTERS, rows, cols, 0, false, lastW, 0, false, lastY, n * plane * FILTERS);
      }
    });
    double difference = 0;
    for (int n = 0; n < BATCH; n++) {
      for (int f = 0; f < FILTERS; f++) {
        for (int p = 0; p < plane; p++) {
          difference = Math.max(difference,
              Math.abs(y[(n * FILTERS + f) * plane + p] - lastY[(n * plane + p) * FILTERS + f]));
        }
      }
    }
    System.out.printf(Locale.ROOT, "JDK %s, kernels: %s, one thread%n", Runtime.version(), kernels.name());
    System.out.printf(Locale.ROOT, "conv 16->32, 3x3, padding 1, 64 x 14 x 14, forward: NCHW %.3f ms, NHWC %.3f ms"
        + " (NHWC / NCHW %.2f), largest difference %.1e%n", first.wallSeconds() * 1e3, last.wallSeconds() * 1e3,
        last.wallSeconds() / first.wallSeconds(), difference);
  }

  /** Row {@code oh * W + ow} of image {@code n}'s channels-last columns: per tap, its run of channels or zeros. */
  private static void channelsLastColumns(float[] x, int n, float[] cols) {
    for (int oh = 0; oh < SIDE; oh++) {
      for (int ow = 0; ow < SIDE; ow++) {
        int row = (oh * SIDE + ow) * CHANNELS * TAPS;
        for (int t = 0; t < TAPS; t++) {
          int ih = oh + t / 3 - 1;
          int iw = ow + t % 3 - 1;
          int at = row + t * CHANNELS;
          if (ih < 0 || ih >= SIDE || iw < 0 || iw >= SIDE) {
            Arrays.fill(cols, at, at + CHANNELS, 0f);
          } else {
            System.arraycopy(x, ((n * SIDE + ih) * SIDE + iw) * CHANNELS, cols, at, CHANNELS);
          }
        }
      }
    }
  }
}
