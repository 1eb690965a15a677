package dev.chainrule.examples;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.ops.conv.ConvOptions;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.Flatten;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Unflatten;
import dev.chainrule.nn.layers.conv.Conv2d;
import dev.chainrule.nn.layers.pool.MaxPool2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The standard small CNN for one-channel images: two blocks of a 3x3 convolution (padding 1, so the size is kept),
 * the activation and a 2x2 max pool, then fully connected layers:
 * {@code conv(1->16)-act-pool -> conv(16->32)-act-pool -> flatten -> linear(32 (H/4) (W/4) -> 128)-act ->
 * linear(128 -> classes)}. For Fashion-MNIST (28x28) the flattened size is 1568; for the 8x8 digits, 128.
 *
 * <p>The network takes an image batch {@code (N, 1, H, W)}, or, with {@code flatInput}, rows of {@code H W} pixels
 * (as a standardiser and a CSV of samples give them), which its first layer unflattens.
 */
public final class SmallCnn {
  /** Channels of the two convolution blocks. */
  public static final int[] CHANNELS = {16, 32};

  private SmallCnn() {}

  /**
   * The network for {@code height x width} images.
   *
   * @param dense the fully connected sizes after the convolutions, the last being the number of classes (the
   *     standard network's are {@code 128, classes})
   * @param activation a new activation module per use (e.g. {@code ReLU::new})
   */
  public static Sequential build(int height, int width, int[] dense, Supplier<Module> activation, boolean flatInput,
      Rng rng) {
    checkArgument(height % 4 == 0 && width % 4 == 0 && height > 0 && width > 0, "SmallCnn: images of %sx%s do not"
        + " halve twice into whole sizes; the two 2x2 pools need sides divisible by 4", height, width);
    checkArgument(dense.length >= 1 && Arrays.stream(dense).allMatch(n -> n >= 1), "SmallCnn: dense sizes %s must"
        + " be at least one positive size (the classes last)", Arrays.toString(dense));
    List<Module> layers = new ArrayList<>();
    if (flatInput) {
      layers.add(new Unflatten(1, 1, height, width));
    }
    int in = 1;
    for (int channels : CHANNELS) {
      layers.add(new Conv2d(in, channels, 3, ConvOptions.defaults().padding(1), rng));
      layers.add(activation.get());
      layers.add(new MaxPool2d(2));
      in = channels;
    }
    layers.add(new Flatten());
    int features = in * (height / 4) * (width / 4);
    for (int i = 0; i < dense.length; i++) {
      layers.add(new Linear(features, dense[i], rng));
      if (i + 1 < dense.length) {
        layers.add(activation.get());
      }
      features = dense[i];
    }
    return new Sequential(layers.toArray(Module[]::new));
  }

  /** The number of parameters {@link #build} makes, without making them. */
  public static long parameterCount(int height, int width, int[] dense) {
    long count = 0;
    int in = 1;
    for (int channels : CHANNELS) {
      count += (long) channels * in * 9 + channels;
      in = channels;
    }
    long features = (long) in * (height / 4) * (width / 4);
    for (int size : dense) {
      count += (features + 1) * size;
      features = size;
    }
    return count;
  }
}
