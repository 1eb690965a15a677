package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;

/**
 * Nearest-neighbour upsampling of {@code (N, C, L)} or {@code (N, C, H, W)}, as {@code torch.nn.Upsample} with
 * {@code mode="nearest"}: on each spatial axis of input length {@code in} and output length {@code out},
 * {@code y[..., i, ...] = x[..., floor(i * in / out), ...]}. The output length is {@code in * s} for an integer
 * scale factor {@code s} (each value repeated {@code s} times) or a fixed size.
 *
 * <p>A composition: one {@code indexSelect} per spatial axis, whose backward sums the gradient of every copy
 * back into its source element, {@code dL/dx[j] = sum over i with floor(i * in / out) = j of dL/dy[i]}.
 */
public final class Upsample extends Module {
  private final int[] scaleFactors;
  private final int[] size;

  private Upsample(int[] scaleFactors, int[] size) {
    this.scaleFactors = scaleFactors;
    this.size = size;
  }

  /**
   * Upsampling by integer factors: one for every spatial axis, or one per axis ({@code (L)} or {@code (H, W)}).
   */
  public static Upsample scaleFactor(int... factors) {
    checkNotNull(factors, "Upsample: scale factors must not be null");
    checkArgument(factors.length == 1 || factors.length == 2, "Upsample: give one scale factor, or one per axis"
        + " (H, W), got %s", Arrays.toString(factors));
    for (int f : factors) {
      checkArgument(f >= 1, "Upsample: scale factors must be >= 1, got %s", Arrays.toString(factors));
    }
    return new Upsample(factors.clone(), null);
  }

  /** Upsampling (or nearest downsampling) to a fixed spatial size: {@code (L)}, {@code (H, W)}, or one for all. */
  public static Upsample size(int... size) {
    checkNotNull(size, "Upsample: size must not be null");
    checkArgument(size.length == 1 || size.length == 2, "Upsample: give one output size, or one per axis (H, W),"
        + " got %s", Arrays.toString(size));
    for (int s : size) {
      checkArgument(s >= 1, "Upsample: output sizes must be >= 1, got %s", Arrays.toString(size));
    }
    return new Upsample(null, size.clone());
  }

  @Override
  public Tensor forward(Tensor x) {
    int spatial = x.rank() - 2;
    checkArgument(spatial == 1 || spatial == 2, "Upsample: input of shape %s must be (N, C, L) or (N, C, H, W)",
        x.shape());
    int[] given = scaleFactors != null ? scaleFactors : size;
    checkArgument(given.length == 1 || given.length == spatial, "Upsample: %s %s does not fit input of shape %s"
        + " with %s spatial axes", scaleFactors != null ? "scale factors" : "size", Arrays.toString(given),
        x.shape(), spatial);
    Tensor y = x;
    for (int a = 0; a < spatial; a++) {
      int axis = 2 + a;
      int in = x.shape().dim(axis);
      checkArgument(in >= 1, "Upsample: input of shape %s has an empty axis %s", x.shape(), axis);
      int option = given[given.length == 1 ? 0 : a];
      int out = scaleFactors != null ? in * option : option;
      if (out != in) {
        y = y.indexSelect(axis, sources(in, out));
      }
    }
    return y;
  }

  /** {@code floor(i * in / out)} for each output position {@code i}, PyTorch's nearest source. */
  private static int[] sources(int in, int out) {
    int[] index = new int[out];
    for (int i = 0; i < out; i++) {
      index[i] = (int) ((long) i * in / out);
    }
    return index;
  }

  @Override
  protected String extraRepr() {
    return (scaleFactors != null ? "scaleFactor=" + Shape.format(scaleFactors) : "size=" + Shape.format(size))
        + ", mode=nearest";
  }
}
