package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;

/**
 * {@code y = g * relu'(x)}, broadcast: the gradient of {@link Relu}, fused so that a backward step is one pass
 * and one allocation rather than a mask ({@code x > 0}) and a product. {@code relu'(x)} is 1 for {@code x > 0},
 * 0 for {@code x <= 0} and NaN for a NaN {@code x}, and the product follows IEEE arithmetic, so NaN is never
 * masked: {@code y} is {@code g} where {@code x > 0}, 0 where {@code x <= 0} and {@code g} is finite, and NaN
 * where {@code x} or {@code g} is NaN, or where {@code x <= 0} and {@code g} is infinite ({@code inf * 0}).
 * PyTorch's {@code threshold_backward} selects instead and turns a NaN {@code g} where {@code x <= 0} into 0;
 * like it, the zeros here are +0. Inputs: {@code g}, {@code x}.
 *
 * <p>{@code dL/dg = gg * (x > 0)} (this op again, so any order of derivative works); {@code dL/dx = 0} almost
 * everywhere, returned as no gradient. The kink {@code x = 0} belongs to the zero side, as in {@code Relu}.
 */
public final class ReluBackward extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dg = (x > 0), dy/dx = 0";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return input == 0 ? n.upstream() + " * [" + n.input(1) + " > 0]" : NO_GRADIENT;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[1]);
    return Compute.binary("reluBackward", BinaryOp.RELU_BACKWARD, in[0], in[1]);
  }

  @Override
  protected Tensor[] backward(Tensor gg) {
    return new Tensor[] {new ReluBackward().apply(gg, saved(0)), null};
  }
}
