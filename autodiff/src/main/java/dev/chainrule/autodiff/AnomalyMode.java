package dev.chainrule.autodiff;

/**
 * Whether operations on this thread stop at the first one whose forward produces NaN or Inf from finite inputs.
 * Off by default; when off it costs one field read per op, of the same per-thread flag as {@link GradMode}.
 * When on, every op's output is scanned after its forward and, if it holds NaN or Inf while none of its inputs
 * did, {@link Function#apply} throws an {@link AnomalyException} naming the op, its output's NaN and Inf counts
 * and its inputs' statistics:
 *
 * <pre>{@code
 * try (var on = AnomalyMode.on()) {
 *   loss = model.forward(x);
 * } catch (AnomalyException e) {
 *   System.out.println(e.dump().toText());   // the graph, with the offending op marked
 * }
 * }</pre>
 */
public final class AnomalyMode {
  private AnomalyMode() {}

  /** Whether anomaly mode is on for this thread. */
  public static boolean isEnabled() {
    return GradMode.flag().anomaly;
  }

  /** Turns anomaly mode on until the returned scope is closed, which restores the previous mode. */
  public static GradMode.Scope on() {
    return set(true);
  }

  /** Turns anomaly mode off until the returned scope is closed, even inside an {@link #on()} scope. */
  public static GradMode.Scope off() {
    return set(false);
  }

  /** Sets anomaly mode until the returned scope is closed. */
  public static GradMode.Scope set(boolean enabled) {
    GradMode.Flag flag = GradMode.flag();
    boolean previous = flag.anomaly;
    flag.anomaly = enabled;
    return () -> flag.anomaly = previous;
  }

  /** Whether {@code out} holds NaN or Inf while every input is finite: the op itself produced it. */
  static boolean produced(Tensor[] inputs, Tensor out) {
    if (allFinite(out)) {
      return false;
    }
    for (Tensor input : inputs) {
      if (!allFinite(input)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allFinite(Tensor t) {
    for (double v : t.toDoubleArray()) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
