package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/** Merges every axis after the first (the batch axis): {@code (N, d1, d2, ...)} becomes {@code (N, d1*d2*...)}. */
public final class Flatten extends Module {
  @Override
  public Tensor forward(Tensor x) {
    checkArgument(x.rank() >= 2, "Flatten: input of shape %s needs a batch axis and at least one more", x.shape());
    return x.flatten(1, -1);
  }
}
