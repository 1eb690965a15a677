package dev.chainrule.nn.train;

import java.util.Map;

/** The loss and metrics of a model on a data set, each averaged over its samples. */
public record Evaluation(double loss, Map<String, Double> metrics) {
  public Evaluation {
    metrics = Map.copyOf(metrics);
  }

  /** The value of a metric by name, e.g. {@code accuracy}. */
  public double metric(String name) {
    Double value = metrics.get(name);
    if (value == null) {
      throw new IllegalArgumentException("evaluation has no metric " + name + "; it has " + metrics.keySet());
    }
    return value;
  }
}
