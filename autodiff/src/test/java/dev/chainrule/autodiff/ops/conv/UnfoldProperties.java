package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * unfold against the direct loop, fold as its adjoint ({@code <unfold(x), c> = <x, fold(c)>}), and both
 * gradients to second order, over the windows of random {@link ConvCase}s (groups play no part).
 */
class UnfoldProperties {

  @Provide
  Arbitrary<ConvCase> cases() {
    return ConvCase.cases();
  }

  private static ConvOptions plain(ConvCase k) {
    return ConvOptions.defaults().stride(k.strideH(), k.strideW()).padding(k.padH(), k.padW())
        .dilation(k.dilationH(), k.dilationW());
  }

  private static int outH(ConvCase k) {
    return ConvProperties.out(k.height(), k.kernelH(), k.strideH(), k.padH(), k.dilationH());
  }

  private static int outW(ConvCase k) {
    return ConvProperties.out(k.width(), k.kernelW(), k.strideW(), k.padW(), k.dilationW());
  }

  @Property(tries = 80)
  void unfoldEqualsTheDirectLoop(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    Tensor x = k.input(dtype);
    Tensor cols = Conv.unfold(x, k.kernelH(), k.kernelW(), plain(k));
    assertEquals(Shape.of(k.batch(), k.channels() * k.kernelH() * k.kernelW(), outH(k) * outW(k)), cols.shape());
    double[] expected = DirectConv.unfold(x.toDoubleArray(), k.batch(), k.channels(), k.height(), k.width(),
        k.kernelH(), k.kernelW(), k.strideH(), k.strideW(), k.padH(), k.padW(), k.dilationH(), k.dilationW(),
        outH(k), outW(k));
    assertArrayEquals(expected, cols.toDoubleArray(), 0.0, k.toString());
  }

  @Property(tries = 60)
  void foldIsTheAdjointOfUnfold(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    Tensor x = k.input(dtype);
    Tensor cols = Conv.unfold(x, k.kernelH(), k.kernelW(), plain(k));
    Tensor c = Generators.uniform(cols.shape(), k.seed() + 7, -1, 1).to(dtype);
    Tensor folded = Conv.fold(c, k.height(), k.width(), k.kernelH(), k.kernelW(), plain(k));
    assertEquals(x.shape(), folded.shape());
    assertEquals(cols.to(DType.FLOAT64).mul(c.to(DType.FLOAT64)).sum().item(),
        x.to(DType.FLOAT64).mul(folded.to(DType.FLOAT64)).sum().item(), float32 ? 1e-4 : 1e-10, k.toString());
  }

  @Property(tries = 30)
  @GradientProperty({Unfold.class, Fold.class})
  void unfoldAndFoldGradientsMatchFiniteDifferences(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    ConvOptions options = plain(k);
    Tensor x = k.input(dtype).requiresGrad();
    GradCheck.check(in -> Conv.unfold(in[0], k.kernelH(), k.kernelW(), options), x);
    Shape colsShape = Shape.of(k.batch(), k.channels() * k.kernelH() * k.kernelW(), outH(k) * outW(k));
    Tensor c = Generators.uniform(colsShape, k.seed() + 7, -1, 1).to(dtype).requiresGrad();
    GradCheck.check(in -> Conv.fold(in[0], k.height(), k.width(), k.kernelH(), k.kernelW(), options), c);
  }

  /** Both are linear, so second order goes through a product with the input: {@code unfold(x) * unfold(x)}. */
  @Property(tries = 20)
  @GradientProperty({Unfold.class, Fold.class})
  void unfoldAndFoldSecondDerivativesMatchFiniteDifferences(@ForAll("cases") ConvCase k) {
    ConvOptions options = plain(k);
    Tensor x = k.input(DType.FLOAT64).requiresGrad();
    GradCheck.gradGrad(in -> {
      Tensor u = Conv.unfold(in[0], k.kernelH(), k.kernelW(), options);
      return u.mul(u);
    }, x);
    Shape colsShape = Shape.of(k.batch(), k.channels() * k.kernelH() * k.kernelW(), outH(k) * outW(k));
    Tensor c = Generators.uniform(colsShape, k.seed() + 7, -1, 1).requiresGrad();
    GradCheck.gradGrad(in -> {
      Tensor f = Conv.fold(in[0], k.height(), k.width(), k.kernelH(), k.kernelW(), options);
      return f.mul(f);
    }, c);
  }
}
