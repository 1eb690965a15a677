package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = x[..., start : end : step, ...]} along {@code axis}, with Python's slicing rules for
 * {@code step >= 1}: a negative bound counts from the end, bounds are then clamped to {@code [0, n]}, and the
 * result has {@code max(0, ceil((end - start) / step))} entries, entry {@code j} being {@code x[start + j step]}.
 *
 * <p>{@code dL/dx = indexAdd(zeros like x, axis, picks, g)}: {@code g} scattered back to the picked positions,
 * zeros elsewhere ({@link IndexAdd}, whose own backward picks again, so second derivatives work).
 */
public final class Slice extends Function {
  private final int axis;
  private final int start;
  private final int end;
  private final int step;
  private Shape inputShape;
  private int resolved;
  private int[] picks;

  public Slice(int axis, int start, int end, int step) {
    this.axis = axis;
    this.start = start;
    this.end = end;
    this.step = step;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g scattered into zeros at the sliced positions";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "indexAdd(" + n.upstream() + ", axis=" + axis + ", positions " + start + ":" + end + ":" + step
        + ") into zeros of the shape of " + n.input(0);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    resolved = inputShape.axis(axis, "slice");
    checkArgument(step >= 1, "slice: step %s for axis %s of shape %s must be at least 1 (flip for a reversed"
        + " order)", step, axis, inputShape);
    picks = positions(inputShape.dim(resolved), start, end, step);
    return IndexMaps.selectBlocks(in[0], resolved, picks);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new IndexAdd(resolved, picks, inputShape.dim(resolved)).apply(g)};
  }

  /** The positions {@code start : end : step} picks from an axis of {@code size} entries (Python's rules). */
  static int[] positions(int size, int start, int end, int step) {
    int from = clamp(start, size);
    int to = clamp(end, size);
    int count = to > from ? (int) (((long) to - from + step - 1) / step) : 0;
    int[] picks = new int[count];
    for (int j = 0; j < count; j++) {
      picks[j] = from + j * step;
    }
    return picks;
  }

  /** A slice bound: negative counts from the end, then clamped to {@code [0, size]}. */
  private static int clamp(int bound, int size) {
    long b = bound < 0 ? (long) bound + size : bound;
    return (int) Math.max(0, Math.min(size, b));
  }
}
