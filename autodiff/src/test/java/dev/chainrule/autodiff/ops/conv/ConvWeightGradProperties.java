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
 * The fused weight gradient against its definition {@code dW[f, c, i, j] = sum g[n, f, oh, ow] x[n, c', ih, iw]}
 * (a direct loop), and its own gradients in both arguments, to second order, over random {@link ConvCase}s.
 */
class ConvWeightGradProperties {

  @Provide
  Arbitrary<ConvCase> cases() {
    return ConvCase.cases();
  }

  private static Shape gradShape(ConvCase k) {
    return Shape.of(k.batch(), k.filters(), ConvProperties.out(k.height(), k.kernelH(), k.strideH(), k.padH(),
        k.dilationH()), ConvProperties.out(k.width(), k.kernelW(), k.strideW(), k.padW(), k.dilationW()));
  }

  @Property(tries = 80)
  void weightGradientEqualsItsDefinition(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    Tensor x = k.input(dtype);
    Shape gs = gradShape(k);
    Tensor g = Generators.uniform(gs, k.seed() + 9, -1, 1).to(dtype);
    Tensor dw = new ConvWeightGrad(k.window(), k.groups()).apply(x, g);
    assertEquals(Shape.of(k.filters(), k.channelsPerGroup(), k.kernelH(), k.kernelW()), dw.shape());
    double[] xv = x.toDoubleArray();
    double[] gv = g.toDoubleArray();
    double[] expected = new double[dw.size()];
    int fg = k.filtersPerGroup();
    for (int f = 0; f < k.filters(); f++) {
      for (int c = 0; c < k.channelsPerGroup(); c++) {
        int ci = f / fg * k.channelsPerGroup() + c;
        for (int i = 0; i < k.kernelH(); i++) {
          for (int j = 0; j < k.kernelW(); j++) {
            double acc = 0;
            for (int n = 0; n < k.batch(); n++) {
              for (int oh = 0; oh < gs.dim(2); oh++) {
                for (int ow = 0; ow < gs.dim(3); ow++) {
                  int ih = oh * k.strideH() - k.padH() + i * k.dilationH();
                  int iw = ow * k.strideW() - k.padW() + j * k.dilationW();
                  if (ih >= 0 && ih < k.height() && iw >= 0 && iw < k.width()) {
                    acc += gv[((n * k.filters() + f) * gs.dim(2) + oh) * gs.dim(3) + ow]
                        * xv[((n * k.channels() + ci) * k.height() + ih) * k.width() + iw];
                  }
                }
              }
            }
            expected[((f * k.channelsPerGroup() + c) * k.kernelH() + i) * k.kernelW() + j] = acc;
          }
        }
      }
    }
    assertArrayEquals(expected, dw.toDoubleArray(), ConvProperties.tolerance(dtype) * 10, k.toString());
  }

  @Property(tries = 25)
  @GradientProperty(ConvWeightGrad.class)
  void weightGradientIsDifferentiableInBothArguments(@ForAll("cases") ConvCase k) {
    Tensor x = k.input(DType.FLOAT64).requiresGrad();
    Tensor g = Generators.uniform(gradShape(k), k.seed() + 9, -1, 1).requiresGrad();
    GradCheck.check(in -> new ConvWeightGrad(k.window(), k.groups()).apply(in[0], in[1]), x, g);
    GradCheck.gradGrad(in -> {
      Tensor dw = new ConvWeightGrad(k.window(), k.groups()).apply(in[0], in[1]);
      return dw.mul(dw);
    }, x, g);
  }
}
