package dev.chainrule.autodiff;

import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.autodiff.dump.ValueSummary.Stats;
import dev.chainrule.autodiff.graph.Node;

/**
 * Thrown in {@link AnomalyMode} where a NaN or Inf first appears: at the op that received it from a leaf (or a
 * tensor computed outside anomaly mode), at the op whose forward produced it from finite inputs, or at the op
 * whose backward produced it from a finite upstream gradient. The message names the op and what happened, the
 * shape and NaN/Inf counts of the offending tensor, and each input's shape and statistics (min, max, mean, norm,
 * NaN/Inf counts). An {@link ArithmeticException} because it reports a numerical event, not a misuse of the API.
 *
 * <p>The op's output is kept with its graph recorded, even where grad mode or the inputs would not have recorded
 * it, so that {@link #dump()} can show where the NaN came from. That graph is for reading only: an op blamed in
 * forward saved nothing for backward.
 */
public final class AnomalyException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final transient Tensor tensor;
  private final String note;

  private AnomalyException(String message, Tensor tensor, String note) {
    super(message);
    this.tensor = tensor;
    this.note = note;
  }

  /** The forward of {@code op} produced the non-finite {@code output} from finite inputs. */
  static AnomalyException produced(Function op, Tensor[] inputs, Tensor output) {
    Stats out = Stats.of(output);
    StringBuilder m = new StringBuilder("anomaly: ").append(op.name()).append(" produced NaN or Inf from finite")
        .append(" inputs: output ").append(output.shape()).append(' ').append(output.dtype()).append(" has ")
        .append(out.nan()).append(" NaN and ").append(out.inf()).append(" Inf");
    appendInputs(m, inputs);
    return new AnomalyException(m.append(". AnomalyException.dump() shows its graph").toString(), output,
        kind(out) + " produced here");
  }

  /** {@code op} received the non-finite input {@code index}: where the NaN entered the checked computation. */
  static AnomalyException entered(Function op, Tensor[] inputs, int index, Tensor output) {
    Tensor in = inputs[index];
    Stats s = Stats.of(in);
    String what = in.gradFn() == null ? "a leaf (data) tensor" + (in.label() == null ? "" : " " + in.label())
        : "the output of " + in.gradFn().name() + ", computed outside anomaly mode,";
    StringBuilder m = new StringBuilder("anomaly: ").append(kind(s)).append(" entered through input ").append(index)
        .append(" of ").append(op.name()).append(": ").append(what).append(" of shape ").append(in.shape())
        .append(' ').append(in.dtype()).append(" holding ").append(s.nan()).append(" NaN and ").append(s.inf())
        .append(" Inf");
    appendInputs(m, inputs);
    return new AnomalyException(m.append(". AnomalyException.dump() shows its graph").toString(), output,
        kind(s) + " entered here (input " + index + ")");
  }

  /**
   * The backward of {@code op}, whose forward made {@code output}, turned the finite upstream gradient {@code g}
   * into the non-finite gradient {@code grads[index]}.
   */
  static AnomalyException producedInBackward(Function op, Tensor output, Tensor g, Tensor[] grads, int index) {
    Stats bad = Stats.of(grads[index]);
    StringBuilder m = new StringBuilder("anomaly: the backward of ").append(op.name())
        .append(" produced NaN or Inf from a finite upstream gradient: the gradient for input ").append(index)
        .append(' ').append(grads[index].shape()).append(' ').append(grads[index].dtype()).append(" has ")
        .append(bad.nan()).append(" NaN and ").append(bad.inf()).append(" Inf; upstream gradient ")
        .append(g.shape()).append(": ").append(Stats.of(g));
    Node node = output.gradFn();
    if (node != null && !node.isFreed()) {
      appendInputs(m, node.inputs().toArray(new Tensor[0]));
    }
    return new AnomalyException(m.append(". AnomalyException.dump() shows its graph").toString(), output,
        kind(bad) + " produced here by backward");
  }

  /**
   * The output of the offending op; its {@link Tensor#gradFn} is that op's node. For an op blamed in backward it
   * is the op's forward output, the gradient it produced is described in the message.
   */
  public Tensor tensor() {
    return tensor;
  }

  /** The graph that produced {@link #tensor()}, with the offending op highlighted; {@code toText()} or
   * {@code toDot()} it, or {@code render} it. */
  public GraphDump dump() {
    return GraphDump.of(tensor).highlight(tensor.gradFn(), note);
  }

  private static void appendInputs(StringBuilder m, Tensor[] inputs) {
    for (int i = 0; i < inputs.length; i++) {
      Tensor in = inputs[i];
      m.append("; input ").append(i).append(in.label() == null ? "" : " " + in.label()).append(' ')
          .append(in.shape()).append(' ').append(in.dtype()).append(": ").append(Stats.of(in));
    }
  }

  private static String kind(Stats stats) {
    return stats.nan() > 0 && stats.inf() > 0 ? "NaN and Inf" : stats.nan() > 0 ? "NaN" : "Inf";
  }
}
