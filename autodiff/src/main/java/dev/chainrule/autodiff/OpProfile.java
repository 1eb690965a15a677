package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time of this thread's ops goes: the wall-clock time of every op's forward and of its backward, summed
 * per op name, while the profile is open. Time is charged to the outermost op: the ops that a forward or a backward
 * rule applies inside it count as part of it, not on their own, so the {@link #rows} add up to the time spent in
 * ops. One level further down is kept apart in {@link #innerRows}: the {@code ConvTranspose2d} (the input's
 * gradient) and the weight gradient inside a convolution's backward, say, as {@code "Conv2d backward /
 * ConvTranspose2d"}. Off by default; when off it costs one field read per op, of the same per-thread flag as
 * {@link GradMode}. Profiles do not nest.
 *
 * <pre>{@code
 * try (OpProfile profile = OpProfile.start()) {
 *   trainer.fit(loader, null);
 *   System.out.println(profile.table());
 * }
 * }</pre>
 */
public final class OpProfile implements AutoCloseable {
  /** One op's totals: calls and nanoseconds in forward and in backward. */
  public record Row(String op, long forwardCalls, long forwardNanos, long backwardCalls, long backwardNanos) {
    /** Forward and backward nanoseconds together. */
    public long nanos() {
      return forwardNanos + backwardNanos;
    }
  }

  /** A running op's start, handed back when it ends. */
  final class Timing {
    private final String op;
    private final boolean backward;
    private final int depth;
    private final String outer;
    private final long started;

    private Timing(String op, boolean backward, int depth, String outer) {
      this.op = op;
      this.backward = backward;
      this.depth = depth;
      this.outer = outer;
      this.started = System.nanoTime();
    }

    /** Ends the op: charges its time to its row, or to the inner row of the op it runs in. */
    void exit(GradMode.Flag mode) {
      long nanos = System.nanoTime() - started;
      mode.profileDepth = depth;
      mode.profileOuter = outer;
      if (depth == 0) {
        add(totals, op, backward, nanos);
      } else if (depth == 1) {
        add(inner, outer + " / " + op, backward, nanos);
      }
    }
  }

  private final Map<String, long[]> totals = new LinkedHashMap<>();
  private final Map<String, long[]> inner = new LinkedHashMap<>();
  private final GradMode.Flag flag;
  private final long started = System.nanoTime();
  private long elapsed = -1;

  private OpProfile(GradMode.Flag flag) {
    this.flag = flag;
  }

  /**
   * Starts profiling this thread's ops until {@link #close()}.
   *
   * @throws IllegalStateException if a profile is already open on this thread
   */
  public static OpProfile start() {
    GradMode.Flag flag = GradMode.flag();
    checkState(flag.profile == null, "OpProfile.start: a profile is already open on this thread; close it first");
    OpProfile profile = new OpProfile(flag);
    flag.profile = profile;
    flag.profileDepth = 0; // started inside an op, which is not timed: its inner ops are outermost
    flag.profileOuter = null;
    return profile;
  }

  /** Stops profiling; the totals stay readable. Closing twice does nothing. */
  @Override
  public void close() {
    if (flag.profile == this) {
      flag.profile = null;
      elapsed = System.nanoTime() - started;
    }
  }

  /** Starts timing {@code op}'s forward ({@code backward} false) or backward, one level deeper than the op it is in. */
  Timing enter(GradMode.Flag mode, Function op, boolean backward) {
    int depth = mode.profileDepth++;
    String outer = mode.profileOuter;
    if (depth == 0) {
      mode.profileOuter = op.name() + (backward ? " backward" : " forward");
    }
    return new Timing(op.name(), backward, depth, outer);
  }

  private static void add(Map<String, long[]> table, String op, boolean backward, long nanos) {
    long[] t = table.computeIfAbsent(op, k -> new long[4]);
    int at = backward ? 2 : 0;
    t[at]++;
    t[at + 1] += nanos;
  }

  /** The totals per outermost op, the most expensive first. */
  public List<Row> rows() {
    return sorted(totals);
  }

  /**
   * The totals of the ops run directly inside an outermost op's forward or backward, named
   * {@code "Outer forward / Inner"} or {@code "Outer backward / Inner"}, the most expensive first; their time is
   * part of the outer op's row.
   */
  public List<Row> innerRows() {
    return sorted(inner);
  }

  private static List<Row> sorted(Map<String, long[]> table) {
    List<Row> rows = new ArrayList<>();
    table.forEach((op, t) -> rows.add(new Row(op, t[0], t[1], t[2], t[3])));
    rows.sort(Comparator.comparingLong(Row::nanos).reversed());
    return rows;
  }

  /** The nanoseconds spent in ops, forward and backward. */
  public long opNanos() {
    return rows().stream().mapToLong(Row::nanos).sum();
  }

  /** The nanoseconds from {@link #start()} to {@link #close()} (or to now, while open). */
  public long elapsedNanos() {
    return elapsed >= 0 ? elapsed : System.nanoTime() - started;
  }

  /**
   * A table of the rows, in milliseconds and as shares of the elapsed time, with a line for the time outside ops
   * (the training loop, data loading, optimizer steps under no-grad), then the inner rows, indented.
   */
  public String table() {
    long total = Math.max(1, elapsedNanos());
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-36s %8s %10s %8s %10s %7s%n", "op",
        "fwd n", "fwd ms", "bwd n", "bwd ms", "share"));
    for (Row r : rows()) {
      line(out, r.op(), r, total);
    }
    long outside = total - opNanos();
    out.append(String.format(Locale.ROOT, "%-36s %8s %10.1f %8s %10s %6.1f%%%n", "(outside ops)", "", outside / 1e6,
        "", "", 100.0 * outside / total));
    for (Row r : innerRows()) {
      line(out, "  " + r.op(), r, total);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, Row r, long total) {
    out.append(String.format(Locale.ROOT, "%-36s %8d %10.1f %8d %10.1f %6.1f%%%n", label, r.forwardCalls(),
        r.forwardNanos() / 1e6, r.backwardCalls(), r.backwardNanos() / 1e6, 100.0 * r.nanos() / total));
  }
}
