package dev.chainrule.autodiff;

import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.autodiff.dump.ValueSummary.Stats;
import dev.chainrule.autodiff.graph.Node;

/**
 * Thrown in {@link AnomalyMode} by the first op whose forward produced NaN or Inf from finite inputs. The message
 * names the op, the output's shape and NaN/Inf counts, and each input's shape and statistics (min, max, mean,
 * norm, NaN/Inf counts). An {@link ArithmeticException} because it reports a numerical event, not a misuse of
 * the API.
 *
 * <p>The offending output is kept with its graph recorded, even where grad mode or the inputs would not have
 * recorded it, so that {@link #dump()} can show where the NaN came from. That graph is for reading only: the op
 * saved nothing for backward.
 */
public final class AnomalyException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final transient Tensor tensor;

  AnomalyException(Function op, Tensor[] inputs, Tensor output) {
    super(message(op, inputs, output));
    this.tensor = output;
  }

  /** The output that first held NaN or Inf; its {@link Tensor#gradFn} is the offending op's node. */
  public Tensor tensor() {
    return tensor;
  }

  /** The graph that produced {@link #tensor()}, with the offending op highlighted; {@code toText()} or
   * {@code toDot()} it, or {@code render} it. */
  public GraphDump dump() {
    Node node = tensor.gradFn();
    Stats stats = Stats.of(tensor);
    String what = stats.nan() > 0 && stats.inf() > 0 ? "NaN and Inf" : stats.nan() > 0 ? "NaN" : "Inf";
    return GraphDump.of(tensor).highlight(node, what + " produced here");
  }

  private static String message(Function op, Tensor[] inputs, Tensor output) {
    Stats out = Stats.of(output);
    StringBuilder m = new StringBuilder("anomaly: ").append(op.name()).append(" produced NaN or Inf from finite")
        .append(" inputs: output ").append(output.shape()).append(' ').append(output.dtype()).append(" has ")
        .append(out.nan()).append(" NaN and ").append(out.inf()).append(" Inf");
    for (int i = 0; i < inputs.length; i++) {
      Tensor in = inputs[i];
      m.append("; input ").append(i).append(in.label() == null ? "" : " " + in.label()).append(' ')
          .append(in.shape()).append(' ').append(in.dtype()).append(": ").append(Stats.of(in));
    }
    return m.append(". AnomalyException.dump() shows its graph").toString();
  }
}
