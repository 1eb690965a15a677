package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/** Which way a monitored value improves: down for a loss, up for an accuracy. */
public enum MonitorMode {
  MIN,
  MAX;

  /**
   * The mode of a key by its name, as Keras' {@code mode="auto"}: a key containing {@code loss} is
   * {@link #MIN}, one containing {@code accuracy} is {@link #MAX}; any other key needs an explicit mode.
   *
   * @throws IllegalArgumentException when the name tells neither
   */
  public static MonitorMode infer(String key) {
    checkNotNull(key, "monitor: key must not be null");
    boolean loss = key.contains("loss");
    boolean accuracy = key.contains("accuracy");
    checkArgument(loss != accuracy, "monitor: cannot tell whether '%s' should go down or up; give MonitorMode.MIN"
        + " or MonitorMode.MAX", key);
    return loss ? MIN : MAX;
  }
}
