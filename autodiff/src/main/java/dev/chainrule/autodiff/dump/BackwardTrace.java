package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkNotNull;

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
 *   <li>Otherwise the line gives shapes, the op's derivative with respect to input {@code j} written
 *       {@code Op'[j]}, and the Frobenius norms of {@code dL/dy} and of what was added:
 *       {@code dL/dW (4, 3) += MatMul'[1] applied to dL/dZ (4, 2)  |dL/dZ| = 1.5  |+=| = 0.75}.
 * </ul>
 *
 * <p>The trace opens with the seed ({@code dL/dL = 1.0}) and ends with each leaf's complete gradient, in the
 * order the walk first reached the leaves.
 */
public final class BackwardTrace {

  /** The walk started at {@code root} with gradient {@code upstream}. */
  public record Seed(Tensor root, Tensor upstream) {}

  /** Node {@code op} with output {@code output} sent {@code contribution} to its input {@code inputIndex}. */
  public record Step(String op, Tensor output, int inputIndex, Tensor input, Tensor upstream,
      Tensor contribution) {}

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
    public void contribution(Node node, int inputIndex, Tensor input, Tensor upstream, Tensor contribution) {
      steps.add(new Step(node.name(), node.output(), inputIndex, input, upstream, contribution));
    }

    @Override
    public void leafTotal(Tensor leaf, Tensor total) {
      leafTotals.add(new LeafTotal(leaf, total));
    }
  }
}
