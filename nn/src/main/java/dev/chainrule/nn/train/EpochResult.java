package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured, by key: {@code loss} and each metric on the training data (averaged over the epoch's
 * batches as they were trained), {@code val_loss} and {@code val_...} on the validation data (after the epoch),
 * and {@code lr}, the learning rate used.
 */
public record EpochResult(int epoch, Map<String, Double> values, double seconds) {
  public EpochResult {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of {@code key}. */
  public double get(String key) {
    Double value = values.get(key);
    checkArgument(value != null, "epoch %s has no value %s; it has %s", epoch, key, values.keySet());
    return value;
  }

  /** Whether this epoch measured {@code key}. */
  public boolean has(String key) {
    return values.containsKey(key);
  }
}
