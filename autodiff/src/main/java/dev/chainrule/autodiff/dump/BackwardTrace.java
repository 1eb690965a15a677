package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.graph.Backprop;
import dev.chainrule.autodiff.graph.BackwardListener;
import dev.chainrule.autodiff.graph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The narrated backward pass: every step of the right-to-left walk, recorded in walk order and printable as
 * the chain rule.
 *
 * <pre>{@code
 * BackwardTrace trace = BackwardTrace.record(() -> loss.backward());
 * System.out.println(trace);
 * }</pre>
 *
 * <p>Each contribution sent to an input {@code x} by the node that computed {@code y} becomes one {@code +=}
 * line (an input used twice gets two lines). The loss is named by its label or {@code L}; other tensors by
 * their label from {@link Tensor#named} or, failing that, by {@code t<n>}, {@code n} being the position at
 * which the trace first meets them (the loss is 1). Values are shown with six significant digits.
 *
 * <ul>
 *   <li>When {@code dL/dy} and the contribution are both one-element tensors, the line is the scalar chain rule
 *       with the local derivative {@code dy/dx = contribution / (dL/dy)}:
 *       {@code dL/dw1 += dL/dz1 * dz1/dw1 = 0.25 * 2.0 = 0.5  (Mul)}; when {@code dL/dy} is zero the local
 *       derivative cannot be recovered and is shown as {@code ?}.
 *   <li>Otherwise the line is the op's {@link Function#gradientFormula} for that input, each operand with its
 *       shape where it first appears, then the op and the Frobenius norms of {@code dL/dy} and of what was
 *       added: {@code dL/dW (4, 3) += dL/dZ (4, 2) @ X^T (2, 3)  (MatMul)  |dL/dZ| = 1.5  |+=| = 0.75}. When
 *       the walker summed the op's gradient back over broadcast axes (a bias added to every row), the formula
 *       is followed by {@code , summed over the broadcast axes}. A one-element constant without a label is
 *       written as its value ({@code dL/dY * 0.25}).
 * </ul>
 *
 * <p>The trace opens with the seed ({@code dL/dL = 1.0}) and ends with each leaf's complete gradient, in the
 * order the walk first reached the leaves.
 */
public final class BackwardTrace {

  /** The walk started at {@code root} with gradient {@code upstream}. */
  public record Seed(Tensor root, Tensor upstream) {}

  /**
   * The node of {@code function}, with inputs {@code inputs} and output {@code output}, was given
   * {@code upstream = dL/dy}; its backward {@code returned} a gradient for input {@code inputIndex}, and the
   * walker added {@code contribution} (that gradient summed back over broadcast axes) to the input.
   */
  public record Step(Function function, List<Tensor> inputs, Tensor output, int inputIndex, Tensor upstream,
      Tensor returned, Tensor contribution) {
    /** The input that received the contribution. */
    public Tensor input() {
      return inputs.get(inputIndex);
    }

    /** The op's name, e.g. {@code MatMul}. */
    public String op() {
      return function.name();
    }

    /** Whether the walker summed the returned gradient over the axes along which the input was broadcast. */
    public boolean broadcastUndone() {
      return !returned.shape().equals(contribution.shape());
    }
  }

  /** The complete gradient the walk delivered to {@code leaf}. */
  public record LeafTotal(Tensor leaf, Tensor total) {}

  private final List<Seed> seeds = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<LeafTotal> leafTotals = new ArrayList<>();

  private BackwardTrace() {}

  /**
   * Runs {@code body} (typically {@code () -> loss.backward()}) and records every backward walk it makes on
   * this thread. Nothing is recorded outside {@code body}.
   */
  public static BackwardTrace record(Runnable body) {
    checkNotNull(body, "record: body must not be null");
    BackwardTrace trace = new BackwardTrace();
    Backprop.observe(trace.new Recorder(), body);
    return trace;
  }

  /** The seeds of the recorded walks. */
  public List<Seed> seeds() {
    return List.copyOf(seeds);
  }

  /** The contributions, in walk order. */
  public List<Step> steps() {
    return List.copyOf(steps);
  }

  /** Each leaf's complete gradient, in the order the walk delivered them. */
  public List<LeafTotal> leafTotals() {
    return List.copyOf(leafTotals);
  }

  /** The narration, one line per seed, step and leaf total (see the class comment for the forms). */
  public List<String> lines() {
    TraceFormat format = new TraceFormat(seeds.isEmpty() ? null : seeds.get(0).root());
    List<String> lines = new ArrayList<>();
    for (Seed seed : seeds) {
      lines.add(format.seed(seed.root(), seed.upstream()));
    }
    for (Step step : steps) {
      lines.add(format.step(step));
    }
    List<LeafTotal> ordered = new ArrayList<>(leafTotals);
    ordered.sort(Comparator.comparingInt(t -> format.order(t.leaf())));
    for (LeafTotal total : ordered) {
      lines.add(format.leafTotal(total.leaf(), total.total()));
    }
    return lines;
  }

  /** {@link #lines()} joined with newlines. */
  @Override
  public String toString() {
    return String.join("\n", lines());
  }

  /** Collects the walk's callbacks into this trace. */
  private final class Recorder implements BackwardListener {
    @Override
    public void seed(Tensor root, Tensor upstream) {
      seeds.add(new Seed(root, upstream));
    }

    @Override
    public void contribution(Node node, int inputIndex, Tensor input, Tensor upstream, Tensor returned,
        Tensor contribution) {
      steps.add(new Step(node.function(), node.inputs(), node.output(), inputIndex, upstream, returned,
          contribution));
    }

    @Override
    public void leafTotal(Tensor leaf, Tensor total) {
      leafTotals.add(new LeafTotal(leaf, total));
    }
  }
}
