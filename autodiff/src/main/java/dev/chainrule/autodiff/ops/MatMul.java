package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * {@code C = op(A) op(B)} for operands of rank at least 2, where {@code op(X)} is {@code X} or, when the
 * {@code trans} flag is set, {@code X} with its last two axes swapped (read transposed by the GEMM kernel,
 * never materialised). {@code op(A)} is {@code [..., m, k]}, {@code op(B)} is {@code [..., k, n]}, {@code C} is
 * {@code [batch, m, n]} where the leading (batch) dimensions broadcast by NumPy rules; every batch element is one
 * GEMM call on the operands' own storage at an offset. Mixed types compute in FLOAT64.
 *
 * <p>{@code dL/dA = g op(B)^T} and {@code dL/dB = op(A)^T g} (transposed again when the operand was read
 * transposed), each one more {@code MatMul} with flags, so no transpose is copied; a broadcast batch is summed
 * back by the walker; an operand that needs no gradient gets none ({@code null}), so the product is skipped.
 * {@link #matmul} adds NumPy's handling of 1-D operands on top.
 */
public final class MatMul extends Function {
  private final boolean transA;
  private final boolean transB;

  public MatMul(boolean transA, boolean transB) {
    this.transA = transA;
    this.transB = transB;
  }

  /**
   * NumPy's {@code matmul}: 1-D times 1-D is the dot product (a scalar); a 1-D left operand is a row
   * {@code (1, k)} and a 1-D right operand a column {@code (k, 1)}, that axis removed from the result again.
   */
  public static Tensor matmul(Tensor a, Tensor b) {
    Shape as = a.shape();
    Shape bs = b.shape();
    checkArgument(as.rank() >= 1 && bs.rank() >= 1, "matmul: shapes %s and %s cannot be multiplied: both operands"
        + " need at least one dimension (use mul for scalars)", as, bs);
    int ka = as.dim(-1);
    int kb = bs.rank() == 1 ? bs.dim(0) : bs.dim(-2);
    checkArgument(ka == kb, "matmul: shapes %s and %s cannot be multiplied (%s != %s)", as, bs, ka, kb);
    Tensor out = new MatMul(false, false).apply(as.rank() == 1 ? a.reshape(1, ka) : a,
        bs.rank() == 1 ? b.reshape(kb, 1) : b);
    if (as.rank() == 1 && bs.rank() == 1) {
      return out.reshape();
    }
    return as.rank() == 1 ? out.squeeze(-2) : bs.rank() == 1 ? out.squeeze(-1) : out;
  }

  @Override
  public String derivativeRule() {
    return "dL/dA = g B^T, dL/dB = A^T g";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    if (input == 0) {
      return transA ? (transB ? n.inputTransposed(1) : n.input(1)) + " @ " + n.upstreamTransposed()
          : n.upstream() + " @ " + (transB ? n.input(1) : n.inputTransposed(1));
    }
    return transB ? n.upstreamTransposed() + " @ " + (transA ? n.inputTransposed(0) : n.input(0))
        : (transA ? n.input(0) : n.inputTransposed(0)) + " @ " + n.upstream();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Shape as = in[0].shape();
    Shape bs = in[1].shape();
    checkArgument(as.rank() >= 2 && bs.rank() >= 2, "matmul: shapes %s and %s: the primitive needs rank >= 2",
        as, bs);
    int m = as.dim(transA ? -1 : -2);
    int k = as.dim(transA ? -2 : -1);
    int kb = bs.dim(transB ? -1 : -2);
    int n = bs.dim(transB ? -2 : -1);
    checkArgument(k == kb, "matmul: shapes %s and %s cannot be multiplied (%s != %s)", as, bs, k, kb);
    Shape aBatch = Shape.of(Arrays.copyOf(as.dims(), as.rank() - 2));
    Shape bBatch = Shape.of(Arrays.copyOf(bs.dims(), bs.rank() - 2));
    Shape batch;
    try {
      batch = Shape.broadcast("matmul", aBatch, bBatch);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(String.format("matmul: shapes %s and %s cannot be multiplied: their batch"
          + " dimensions %s and %s do not broadcast", as, bs, aBatch, bBatch), e);
    }
    int[] outDims = Arrays.copyOf(batch.dims(), batch.rank() + 2);
    outDims[batch.rank()] = m;
    outDims[batch.rank() + 1] = n;
    DType dtype = DType.promote(in[0].dtype(), in[1].dtype());
    Tensor a = in[0].dtype() == dtype ? in[0] : Compute.convert(in[0], dtype);
    Tensor b = in[1].dtype() == dtype ? in[1] : Compute.convert(in[1], dtype);
    saveForBackward(in[0], in[1]);
    Tensor c = Compute.allocate(dtype, Shape.of(outDims));
    int[] aOff = IndexMaps.batchOffsets(aBatch, batch, m * k);
    int[] bOff = IndexMaps.batchOffsets(bBatch, batch, k * n);
    for (int i = 0; i < aOff.length; i++) {
      if (dtype == DType.FLOAT32) {
        Compute.kernels().gemm(m, n, k, a.rawFloats(), aOff[i], transA, b.rawFloats(), bOff[i], transB,
            c.rawFloats(), i * m * n);
      } else {
        Compute.kernels().gemm(m, n, k, a.rawDoubles(), aOff[i], transA, b.rawDoubles(), bOff[i], transB,
            c.rawDoubles(), i * m * n);
      }
    }
    return c;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor a = saved(0);
    Tensor b = saved(1);
    // An operand that needs no gradient (a network's input) gets none: its product would be wasted work.
    Tensor da = !needsInputGrad(0) ? null
        : transA ? new MatMul(transB, true).apply(b, g) : new MatMul(false, !transB).apply(g, b);
    Tensor db = !needsInputGrad(1) ? null
        : transB ? new MatMul(true, transA).apply(g, a) : new MatMul(!transA, false).apply(a, g);
    return new Tensor[] {da, db};
  }

  /** Whether the left operand is read transposed: {@code op(A) = A^T}. */
  public boolean transA() {
    return transA;
  }

  /** Whether the right operand is read transposed: {@code op(B) = B^T}. */
  public boolean transB() {
    return transB;
  }
}
