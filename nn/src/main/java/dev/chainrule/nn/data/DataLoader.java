package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches of a {@link Dataset}, every sample exactly once per epoch; like PyTorch's {@code DataLoader}.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train).batchSize(64).shuffle(42).build();
 * for (Batch batch : loader) { ... }   // each for-loop over the loader is the next epoch
 * }</pre>
 *
 * <p>With {@link Builder#shuffle(long) shuffle(seed)}, epoch {@code e} visits the samples in a permutation that
 * depends only on the seed and {@code e}: a new order every epoch and the same sequence of orders on every run.
 * Without it, samples come in index order. With {@link Builder#dropLast(boolean) dropLast}, a last batch smaller
 * than the batch size is skipped (its samples are not seen that epoch); otherwise it is yielded as it is.
 *
 * <p>With {@link Builder#transform(BatchTransform) transform}s, each batch passes through them in the order
 * given, each with a {@link Rng} seeded from the loader's seed (the one given to {@code shuffle}, or 0), the
 * epoch and the batch's index: the same augmented batches on every run, new ones every epoch, whatever thread
 * takes them. A random augmentation is skipped while the iterating thread is inside
 * {@link dev.chainrule.nn.Module#evaluating()}, as {@code Trainer.evaluate} and fit's validation pass are,
 * unless {@link Builder#augmentWhileEvaluating(boolean)} asks for it:
 *
 * <pre>{@code
 * DataLoader train = DataLoader.builder(images).batchSize(64).shuffle(42)
 *     .transform(new RandomCrop(2)).transform(new RandomHorizontalFlip())
 *     .transform(new Normalize(new double[] {0.286}, new double[] {0.353})).build();
 * }</pre>
 *
 * <p>Thread-safe: a loader is immutable but for its epoch counter, which each iteration advances atomically, so
 * threads iterating one loader at once (several {@code evaluate} calls, say) each get a whole epoch of their own.
 */
public final class DataLoader implements Iterable<Batch> {
  /** Sets the transforms' seeds apart from the shuffle's, which start from the seed itself. */
  private static final long TRANSFORM_STREAM = 0x5deece66dL;

  private final Dataset dataset;
  private final int batchSize;
  private final OptionalLong seed;
  private final boolean dropLast;
  private final List<BatchTransform> transforms;
  private final boolean augmentWhileEvaluating;
  private final AtomicInteger nextEpoch = new AtomicInteger();

  private DataLoader(Builder builder) {
    this.dataset = builder.dataset;
    this.batchSize = builder.batchSize;
    this.seed = builder.seed;
    this.dropLast = builder.dropLast;
    this.transforms = List.copyOf(builder.transforms);
    this.augmentWhileEvaluating = builder.augmentWhileEvaluating;
  }

  /** A builder for a loader over {@code dataset}: batch size 32, no shuffle, last partial batch kept. */
  public static Builder builder(Dataset dataset) {
    return new Builder(checkNotNull(dataset, "DataLoader: dataset must not be null"));
  }

  public Dataset dataset() {
    return dataset;
  }

  public int batchSize() {
    return batchSize;
  }

  /** The number of batches in an epoch. */
  public int batchCount() {
    int n = dataset.size();
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /** The batches of the next epoch (0 for the first call, then 1, 2, ...). */
  @Override
  public Iterator<Batch> iterator() {
    return epoch(nextEpoch.getAndIncrement()).iterator();
  }

  /** The batches of epoch {@code epoch}, the same on every call; does not move the epoch counter. */
  public Iterable<Batch> epoch(int epoch) {
    checkArgument(epoch >= 0, "DataLoader.epoch: epoch must be >= 0, got %s", epoch);
    int[] order = order(epoch);
    int batches = batchCount();
    return () -> new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < batches;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException("DataLoader: all " + batches + " batches of epoch " + epoch + " taken");
        }
        int index = next++;
        int start = index * batchSize;
        Batch batch = dataset.get(Arrays.copyOfRange(order, start, Math.min(start + batchSize, order.length)));
        return transforms.isEmpty() ? batch : transform(batch, epoch, index);
      }
    };
  }

  /** {@code batch} through every transform that applies on this thread, all drawing from one generator. */
  private Batch transform(Batch batch, int epoch, int index) {
    boolean evaluating = Module.isEvaluating() && !augmentWhileEvaluating;
    Rng rng = transformRng(epoch, index);
    Batch result = batch;
    for (BatchTransform t : transforms) {
      if (!(evaluating && t.isAugmentation())) {
        result = checkNotNull(t.apply(result, rng), "DataLoader: transform %s returned null", t);
      }
    }
    return result;
  }

  /**
   * The generator of batch {@code index} of {@code epoch}: SplitMix64 steps from the loader's seed through the
   * epoch and the index, a stream apart from the shuffle's, so any batch's draws can be made without the others.
   */
  private Rng transformRng(int epoch, int index) {
    long stream = new Rng(seed.orElse(0) ^ TRANSFORM_STREAM).nextLong();
    return new Rng(new Rng(stream + epoch).nextLong() + index);
  }

  /**
   * The sample order of an epoch: index order, or a Fisher-Yates shuffle by an {@link Rng} seeded with the
   * {@code epoch}-th number drawn from {@code Rng(seed)}, so epochs get independent permutations.
   */
  private int[] order(int epoch) {
    int n = dataset.size();
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    if (seed.isPresent()) {
      Rng seeds = new Rng(seed.getAsLong());
      for (int e = 0; e < epoch; e++) {
        seeds.nextLong();
      }
      Shuffle.inPlace(order, new Rng(seeds.nextLong()));
    }
    return order;
  }

  /** Options of a {@link DataLoader}. */
  public static final class Builder {
    private final Dataset dataset;
    private int batchSize = 32;
    private OptionalLong seed = OptionalLong.empty();
    private boolean dropLast;
    private final List<BatchTransform> transforms = new ArrayList<>();
    private boolean augmentWhileEvaluating;

    private Builder(Dataset dataset) {
      this.dataset = dataset;
    }

    /** Samples per batch, at least 1. */
    public Builder batchSize(int batchSize) {
      checkArgument(batchSize >= 1, "DataLoader: batchSize must be >= 1, got %s", batchSize);
      this.batchSize = batchSize;
      return this;
    }

    /** Shuffle every epoch, reproducibly from {@code seed}. */
    public Builder shuffle(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    /** Skip the last batch of an epoch when it is smaller than the batch size. */
    public Builder dropLast(boolean dropLast) {
      this.dropLast = dropLast;
      return this;
    }

    /**
     * Applies {@code transform} to every batch, after the transforms given before it; random augmentations
     * are seeded from the loader's seed, the epoch and the batch (see {@link DataLoader}).
     */
    public Builder transform(BatchTransform transform) {
      transforms.add(checkNotNull(transform, "DataLoader: transform must not be null"));
      return this;
    }

    /**
     * Whether random augmentations also apply while the iterating thread evaluates (inside
     * {@link Module#evaluating()}); by default they do not, so evaluation sees the data as it is.
     */
    public Builder augmentWhileEvaluating(boolean on) {
      this.augmentWhileEvaluating = on;
      return this;
    }

    public DataLoader build() {
      return new DataLoader(this);
    }
  }
}
