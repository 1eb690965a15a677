package dev.chainrule.examples;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.CharWindows;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * The next-character loss of a {@link CharLm}: for a batch of windows {@code x (B, T)} with next characters
 * {@code y (B, T)}, the mean cross-entropy in nats per character
 * {@code L = -(1 / BT) sum_{b,t} log softmax(logits[b, t])[y[b, t]]}, the logits {@code (B, T, V)} taken as
 * {@code (B T, V)} rows. Its gradient with respect to each row of logits is {@code (softmax - onehot(y)) / BT}
 * (by the ops of {@link CrossEntropyLoss}). An untrained model that spreads its probability evenly over {@code V}
 * characters scores {@code ln V}.
 */
public final class CharLmLoss {
  private static final CrossEntropyLoss CROSS_ENTROPY = new CrossEntropyLoss();

  private CharLmLoss() {}

  /** The logits {@code (B, T, V)} as {@code (B T, V)} rows for the cross-entropy. */
  private static Tensor flatLogits(Tensor logits) {
    return logits.reshape(-1, logits.shape().dim(-1));
  }

  /** The mean cross-entropy {@code L} of {@code model} on {@code batch}, recording the graph for backward. */
  public static Tensor of(CharLm model, Batch batch) {
    checkNotNull(model, "CharLmLoss.of: model must not be null");
    checkNotNull(batch, "CharLmLoss.of: batch must not be null");
    return CROSS_ENTROPY.apply(flatLogits(model.call(batch.features(), null).logits()), batch.labels().reshape(-1));
  }

  /** The mean of {@code L} over {@code batches}, in nats per character, in evaluation mode without a graph. */
  public static double mean(CharLm model, List<Batch> batches) {
    checkArgument(batches != null && !batches.isEmpty(), "CharLmLoss.mean: batches must not be empty");
    double sum = 0;
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      for (Batch b : batches) {
        sum += of(model, b).item();
      }
    }
    return sum / batches.size();
  }

  /**
   * {@code count} fixed batches of {@code batchSize} random windows of {@code length} characters of {@code codes}
   * (see {@link CharWindows}), drawn once with {@code seed}, so that every measurement sees the same text.
   */
  public static List<Batch> fixedBatches(long[] codes, int batchSize, int length, int count, long seed) {
    checkArgument(count >= 1, "CharLmLoss.fixedBatches: count %s must be at least 1", count);
    CharWindows windows = new CharWindows(codes, batchSize, length, seed);
    List<Batch> batches = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batches.add(windows.next());
    }
    return batches;
  }
}
