package dev.chainrule.autodiff.graph;

import com.google.common.base.VerifyException;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Tensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One recorded application of an op: the op, its inputs in order, the output it produced and a creation
 * sequence number. Inputs are always created before the node that consumes them, so sequence numbers give a
 * deterministic order for dumps.
 *
 * <p>During a backward walk the node also collects the gradient flowing into its output ({@code +=} over
 * every consumer) until the walker takes it.
 */
public final class Node {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final long sequence = SEQUENCE.incrementAndGet();
  private final Function function;
  private Tensor[] inputs;
  private final Tensor output;
  private final Backward backward;
  private final ScopePath scope;
  private final GradientSum pendingGrad = new GradientSum();
  private long visitMark;

  /** The backward rule of a node: {@code dL/dy -> dL/dx_i} for every input. */
  @FunctionalInterface
  public interface Backward {
    Tensor[] apply(Tensor gradOutput);
  }

  /** A node recorded inside {@code scope} ({@link ScopePath}; null at the top level). */
  public Node(Function function, Tensor[] inputs, Tensor output, Backward backward, ScopePath scope) {
    this.function = function;
    this.inputs = inputs.clone();
    this.output = output;
    this.backward = backward;
    this.scope = scope;
  }

  /** The op's name, e.g. {@code Mul}. */
  public String name() {
    return function.name();
  }

  /** The op that made this node. */
  public Function function() {
    return function;
  }

  /** Creation order, unique in this JVM. */
  public long sequence() {
    return sequence;
  }

  /**
   * The {@link dev.chainrule.autodiff.GraphScope} open when this node was recorded, e.g. the module whose
   * forward made it; null at the top level. Kept after backward frees the node.
   */
  public ScopePath scope() {
    return scope;
  }

  /** The inputs, in the order the op received them. */
  public List<Tensor> inputs() {
    checkFreed();
    return List.of(inputs);
  }

  /** The tensor this node produced. */
  public Tensor output() {
    return output;
  }

  /** Whether a backward walk freed this part of the graph. */
  public boolean isFreed() {
    return inputs == null;
  }

  Tensor input(int i) {
    return inputs[i];
  }

  int inputCount() {
    checkFreed();
    return inputs.length;
  }

  Tensor[] runBackward(Tensor gradOutput) {
    checkFreed();
    Tensor[] grads = backward.apply(gradOutput);
    if (grads.length != inputs.length) {
      throw new VerifyException(
          name() + ".backward returned " + grads.length + " gradients for " + inputs.length + " inputs");
    }
    return grads;
  }

  void accumulate(Tensor grad) {
    pendingGrad.add(grad);
  }

  Tensor takeGrad() {
    return pendingGrad.take();
  }

  /** Marks the node visited in walk {@code mark}; false when it already was. */
  boolean visit(long mark) {
    if (visitMark == mark) {
      return false;
    }
    visitMark = mark;
    return true;
  }

  void free() {
    inputs = null;
    function.release();
  }

  private void checkFreed() {
    if (inputs == null) {
      throw new IllegalStateException("backward: the graph through " + name() + " (node #" + sequence + ") was"
          + " already freed by an earlier backward; pass BackwardOption.RETAIN_GRAPH to the first backward to walk"
          + " the graph again");
    }
  }

  @Override
  public String toString() {
    return name() + "#" + sequence;
  }
}
