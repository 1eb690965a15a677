package dev.chainrule.nn.data;

import dev.chainrule.autodiff.Rng;

/**
 * A map from a batch to a batch, applied by a {@link DataLoader} to each batch it yields (see
 * {@link DataLoader.Builder#transform(BatchTransform)}); like torchvision's transforms, applied per batch so a
 * per-sample transform loops over the samples of one array. A transform works on plain arrays and tensors and
 * records no graph: data needs no gradient.
 *
 * <p>Randomness comes only from the {@link Rng} it is given, which the loader seeds from its seed, the epoch and
 * the batch's index in the epoch: the same loader seed gives the same augmented batches on every run, and a new
 * draw every epoch. A transform is called from one thread per batch, and must not keep state between calls.
 */
@FunctionalInterface
public interface BatchTransform {

  /** The transformed batch, drawing any random choice from {@code rng}, in sample order. */
  Batch apply(Batch batch, Rng rng);

  /**
   * Whether this is a random augmentation (the default), which the loader skips while the calling thread
   * evaluates, inside {@link dev.chainrule.nn.Module#evaluating()} as {@code Trainer.evaluate} and the
   * validation pass of {@code Trainer.fit} are; a deterministic preprocessing step such as normalisation says
   * false and is always applied.
   */
  default boolean isAugmentation() {
    return true;
  }
}
