package dev.chainrule.autodiff;

/**
 * Whether operations on this thread stop at the first place a NaN or Inf appears. Off by default; when off it
 * costs one field read per op, of the same per-thread flag as {@link GradMode}. When on, {@link Function#apply}
 * throws an {@link AnomalyException} at the first of:
 *
 * <ul>
 *   <li>an op that <em>receives</em> a non-finite input: the NaN entered the graph there, from a data tensor (a
 *       leaf, such as a batch of features holding a NaN) or from a tensor computed outside anomaly mode. The
 *       message names the op, the input's position, what it is, its shape and its NaN and Inf counts:
 *       {@code anomaly: NaN entered through input 0 of MatMul: a leaf (data) tensor of shape (32, 64) float32
 *       holding 1 NaN and 0 Inf; ...}. An intended infinity in the data (a {@code -inf} mask) is reported too:
 *       apply that op inside {@link #off()};
 *   <li>an op whose forward <em>produces</em> NaN or Inf from finite inputs ({@code log} of a negative number);
 *   <li>during backward, an op whose backward produces a non-finite gradient from a finite upstream gradient
 *       ({@code sqrt}'s at 0): the op itself is named, not one of the ops its backward is written with.
 * </ul>
 *
 * <p>The ops a backward rule or the backward walk applies internally are not checked one by one, so that the
 * blame falls on the op whose rule it is.
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

  /** The position of the first tensor that holds NaN or Inf, or -1 when all are finite. */
  static int firstNonFinite(Tensor[] tensors) {
    for (int i = 0; i < tensors.length; i++) {
      if (tensors[i] != null && !allFinite(tensors[i])) {
        return i;
      }
    }
    return -1;
  }

  static boolean allFinite(Tensor t) {
    if (t.dtype() == DType.FLOAT32) {
      for (float v : t.rawFloats()) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    } else {
      for (double v : t.rawDoubles()) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
