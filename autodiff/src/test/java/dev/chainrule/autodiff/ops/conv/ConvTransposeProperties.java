package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * convTranspose2d against the scatter loop of its definition, as the adjoint of conv2d, and its first and second
 * derivatives against finite differences, over random {@link ConvCase}s with a random output padding below
 * {@code max(stride, dilation)} per axis (PyTorch's constraint, so padding past the stride with a dilation
 * occurs too). A case whose output would be empty must be refused, naming the op and the shapes.
 */
class ConvTransposeProperties {

  @Provide
  Arbitrary<ConvCase> cases() {
    return ConvCase.cases();
  }

  /** The transposed case: the case's images are the input, output padding drawn from the seed. */
  private record Transposed(ConvCase k, int opH, int opW, int outH, int outW) {
    static Transposed of(ConvCase k) {
      Random r = new Random(k.seed() ^ 0x5eed);
      int opH = r.nextInt(Math.max(k.strideH(), k.dilationH()));
      int opW = r.nextInt(Math.max(k.strideW(), k.dilationW()));
      int outH = (k.height() - 1) * k.strideH() - 2 * k.padH() + k.dilationH() * (k.kernelH() - 1) + opH + 1;
      int outW = (k.width() - 1) * k.strideW() - 2 * k.padW() + k.dilationW() * (k.kernelW() - 1) + opW + 1;
      return new Transposed(k, opH, opW, outH, outW);
    }

    boolean empty() {
      return outH <= 0 || outW <= 0;
    }

    ConvOptions options() {
      return k.options().outputPadding(opH, opW);
    }

    /** A weight {@code (C_in, C_out/G, KH, KW)}. */
    Tensor weight(DType dtype) {
      return Generators.uniform(Shape.of(k.channels(), k.filtersPerGroup(), k.kernelH(), k.kernelW()), k.seed() + 3,
          -1, 1).to(dtype);
    }
  }

  @Property(tries = 80)
  void convTransposeEqualsTheScatterLoop(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    Transposed t = Transposed.of(k);
    Tensor x = k.input(dtype);
    Tensor w = t.weight(dtype);
    Tensor b = k.biasTensor(dtype);
    if (t.empty()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Conv.convTranspose2d(x, w, b, t.options()));
      assertEquals(true, e.getMessage().startsWith("convTranspose2d: input of shape " + x.shape()), e.getMessage());
      return;
    }
    Tensor y = Conv.convTranspose2d(x, w, b, t.options());
    assertEquals(Shape.of(k.batch(), k.filters(), t.outH(), t.outW()), y.shape(), k.toString());
    double[] expected = DirectConv.convTranspose2d(x.toDoubleArray(), k.batch(), k.channels(), k.height(),
        k.width(), w.toDoubleArray(), k.filtersPerGroup(), k.kernelH(), k.kernelW(), ConvProperties.values(b),
        k.groups(), k.strideH(), k.strideW(), k.padH(), k.padW(), k.dilationH(), k.dilationW(), t.outH(), t.outW());
    assertArrayEquals(expected, y.toDoubleArray(), ConvProperties.tolerance(dtype), k.toString());
  }

  /** {@code <conv2d(x, W), y> = <x, convTranspose2d(y, W)>}: the two are adjoint for every window. */
  @Property(tries = 60)
  void convTransposeIsTheAdjointOfConv(@ForAll("cases") ConvCase k) {
    Tensor x = k.input(DType.FLOAT64);
    Tensor w = k.weight(DType.FLOAT64);
    Tensor cx = Conv.conv2d(x, w, k.options());
    Tensor y = Generators.uniform(cx.shape(), k.seed() + 5, -1, 1);
    int opH = k.height() - ((cx.shape().dim(2) - 1) * k.strideH() - 2 * k.padH()
        + k.dilationH() * (k.kernelH() - 1) + 1);
    int opW = k.width() - ((cx.shape().dim(3) - 1) * k.strideW() - 2 * k.padW()
        + k.dilationW() * (k.kernelW() - 1) + 1);
    Tensor ty = Conv.convTranspose2d(y, w, k.options().outputPadding(opH, opW));
    assertEquals(x.shape(), ty.shape());
    assertEquals(cx.mul(y).sum().item(), x.mul(ty).sum().item(), 1e-10, k.toString());
  }

  @Property(tries = 40)
  @GradientProperty(ConvTranspose2d.class)
  void convTransposeGradientMatchesFiniteDifferences(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    Transposed t = Transposed.of(k);
    if (t.empty()) {
      return;
    }
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    ConvOptions options = t.options();
    if (k.bias()) {
      GradCheck.check(in -> Conv.convTranspose2d(in[0], in[1], in[2], options), k.input(dtype).requiresGrad(),
          t.weight(dtype).requiresGrad(), k.biasTensor(dtype).requiresGrad());
    } else {
      GradCheck.check(in -> Conv.convTranspose2d(in[0], in[1], options), k.input(dtype).requiresGrad(),
          t.weight(dtype).requiresGrad());
    }
  }

  @Property(tries = 15)
  @GradientProperty(ConvTranspose2d.class)
  void convTransposeSecondDerivativeMatchesFiniteDifferences(@ForAll("cases") ConvCase k) {
    Transposed t = Transposed.of(k);
    if (t.empty()) {
      return;
    }
    ConvOptions options = t.options();
    GradCheck.gradGrad(in -> Conv.convTranspose2d(in[0], in[1], in[2], options),
        k.input(DType.FLOAT64).requiresGrad(), t.weight(DType.FLOAT64).requiresGrad(), k.withBias().requiresGrad());
  }
}
