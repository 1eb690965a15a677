package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One monitored value of the epoch results and the best of it so far, shared by the callbacks that act on
 * improvement.
 *
 * <p>Fallback: a key {@code val_<k>} that the first epoch lacks (training without validation data) is read as
 * {@code <k>}, the training value, for the whole run; the key actually read is {@link #key()}. A key found
 * neither way is an error naming the keys there are, rather than a callback that silently never acts.
 *
 * <p>A value improves on the best when it beats it by more than {@code minDelta}: {@code v < best - minDelta}
 * for {@link MonitorMode#MIN}, {@code v > best + minDelta} for {@link MonitorMode#MAX}. The first value always
 * improves; NaN never does.
 */
final class Monitor {
  private static final String VALIDATION = "val_";

  private final String requested;
  private final MonitorMode mode;
  private final double minDelta;
  private String key;
  private double best;

  Monitor(String key, MonitorMode mode, double minDelta) {
    this.requested = checkNotNull(key, "monitor: key must not be null");
    this.mode = checkNotNull(mode, "monitor: mode must not be null");
    checkArgument(minDelta >= 0, "monitor: minDelta must not be negative, got %s", minDelta);
    this.minDelta = minDelta;
    reset();
  }

  /** Forgets the best value and the resolved key, for a new run. */
  void reset() {
    key = null;
    best = mode == MonitorMode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** The monitored value of {@code result}. */
  double value(EpochResult result) {
    if (key == null) {
      key = resolve(result);
    }
    return result.get(key);
  }

  private String resolve(EpochResult result) {
    if (result.has(requested)) {
      return requested;
    }
    String training = requested.startsWith(VALIDATION) ? requested.substring(VALIDATION.length()) : null;
    checkArgument(training != null && result.has(training), "monitor: epoch %s has no value '%s'%s; it has %s",
        result.epoch(), requested, training == null ? "" : " nor '" + training + "'", result.values().keySet());
    return training;
  }

  /** Reads the value of {@code result}; when it improves on the best, makes it the best and returns true. */
  boolean update(EpochResult result) {
    double v = value(result);
    boolean better = mode == MonitorMode.MIN ? v < best - minDelta : v > best + minDelta;
    if (better) {
      best = v;
    }
    return better;
  }

  /** The key read: the one asked for, or its training fallback; null before the first epoch. */
  String key() {
    return key;
  }

  MonitorMode mode() {
    return mode;
  }

  /** The best value so far; an infinity before the first. */
  double best() {
    return best;
  }
}
