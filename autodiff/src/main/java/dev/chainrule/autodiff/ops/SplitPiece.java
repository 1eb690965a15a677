package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;

/**
 * Piece {@code k} of a {@link Split}: inputs the split's token and {@code x}, output
 * {@code y_k = x[offset : offset + size]} along {@code axis}. Its backward hands {@code g} to the split, which
 * sends {@code x} the concatenation of all pieces' gradients once; so this node sends {@code x} nothing itself,
 * and the token 0 (which makes the walk reach the split after every piece).
 */
public final class SplitPiece extends Function {
  private final Split split;
  private final int k;
  private final int axis;
  private final int offset;
  private final int size;

  /** Piece {@code k} of {@code split}, {@code size} entries from {@code offset} along the resolved {@code axis}. */
  public SplitPiece(Split split, int k, int axis, int offset, int size) {
    this.split = split;
    this.k = k;
    this.axis = axis;
    this.offset = offset;
    this.size = size;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dy goes to x through the split's concat";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return input == 0 ? "0" : "none here: " + n.upstream() + " joins the split's concat, axis=" + axis + " at "
        + offset;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return IndexMaps.selectBlocks(in[1], axis, IndexMaps.range(offset, size));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    split.file(k, g);
    return new Tensor[] {Tensor.scalar(g.dtype(), 0), null};
  }
}
