package dev.chainrule.nn.data.transforms;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;

/** The NCHW shape check the image transforms share. */
final class Images {
  private Images() {}

  /** Refuses features that are not {@code (N, C, H, W)}, naming the transform and the shape. */
  static void checkNchw(String transform, Tensor features) {
    checkArgument(features.rank() == 4, "%s: features of shape %s must be images (N, C, H, W)", transform,
        features.shape());
  }
}
