package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.GradientProperty;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * conv2d and conv1d against the direct loop of their definition, and their first and second derivatives
 * against finite differences, over random {@link ConvCase}s (strides 1-3, paddings 0-2, dilations 1-2, groups
 * 1-2, non-square kernels and images, with and without bias), in both types.
 */
class ConvProperties {

  @Provide
  Arbitrary<ConvCase> cases() {
    return ConvCase.cases();
  }

  static int out(int size, int k, int s, int p, int d) {
    return (size + 2 * p - d * (k - 1) - 1) / s + 1;
  }

  static double tolerance(DType dtype) {
    return dtype == DType.FLOAT32 ? 1e-4 : 1e-12;
  }

  static double[] values(Tensor t) {
    return t == null ? null : t.toDoubleArray();
  }

  @Property(tries = 80)
  void conv2dEqualsTheDirectLoop(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    Tensor x = k.input(dtype);
    Tensor w = k.weight(dtype);
    Tensor b = k.biasTensor(dtype);
    Tensor y = Conv.conv2d(x, w, b, k.options());
    int outH = out(k.height(), k.kernelH(), k.strideH(), k.padH(), k.dilationH());
    int outW = out(k.width(), k.kernelW(), k.strideW(), k.padW(), k.dilationW());
    assertEquals(Shape.of(k.batch(), k.filters(), outH, outW), y.shape(), k.toString());
    assertEquals(dtype, y.dtype());
    double[] expected = DirectConv.conv2d(values(x), k.batch(), k.channels(), k.height(), k.width(), values(w),
        k.filters(), k.kernelH(), k.kernelW(), values(b), k.groups(), k.strideH(), k.strideW(), k.padH(), k.padW(),
        k.dilationH(), k.dilationW(), outH, outW);
    assertArrayEquals(expected, y.toDoubleArray(), tolerance(dtype), k.toString());
  }

  @Property(tries = 40)
  @GradientProperty(Conv2d.class)
  void conv2dGradientMatchesFiniteDifferences(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    ConvOptions options = k.options();
    if (k.bias()) {
      GradCheck.check(in -> Conv.conv2d(in[0], in[1], in[2], options), k.input(dtype).requiresGrad(),
          k.weight(dtype).requiresGrad(), k.biasTensor(dtype).requiresGrad());
    } else {
      GradCheck.check(in -> Conv.conv2d(in[0], in[1], options), k.input(dtype).requiresGrad(),
          k.weight(dtype).requiresGrad());
    }
  }

  /** The gradient of conv2d is a convTranspose2d and an unfold-matmul, each differentiable again. */
  @Property(tries = 15)
  @GradientProperty(Conv2d.class)
  void conv2dSecondDerivativeMatchesFiniteDifferences(@ForAll("cases") ConvCase k) {
    ConvOptions options = k.options();
    GradCheck.gradGrad(in -> Conv.conv2d(in[0], in[1], in[2], options), k.input(DType.FLOAT64).requiresGrad(),
        k.weight(DType.FLOAT64).requiresGrad(), k.withBias().requiresGrad());
  }

  @Property(tries = 60)
  void conv1dEqualsTheDirectLoop(@ForAll("cases") ConvCase k, @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    Tensor x = k.input(dtype);
    Tensor x1 = x.reshape(k.batch(), k.channels() * k.height(), k.width());
    Tensor w1 = k.weight(dtype).reshape(k.filters(), k.channelsPerGroup() * k.kernelH(), k.kernelW())
        .narrow(1, 0, k.channelsPerGroup());
    Tensor b = k.biasTensor(dtype);
    Tensor y = Conv.conv1d(x1.narrow(1, 0, k.channels()), w1, b, oneAxis(k));
    int outW = out(k.width(), k.kernelW(), k.strideW(), k.padW(), k.dilationW());
    assertEquals(Shape.of(k.batch(), k.filters(), outW), y.shape(), k.toString());
    double[] expected = DirectConv.conv2d(values(x1.narrow(1, 0, k.channels())), k.batch(), k.channels(), 1,
        k.width(), values(w1), k.filters(), 1, k.kernelW(), values(b), k.groups(), 1, k.strideW(), 0, k.padW(), 1,
        k.dilationW(), 1, outW);
    assertArrayEquals(expected, y.toDoubleArray(), tolerance(dtype), k.toString());
  }

  @Property(tries = 30)
  @GradientProperty(Conv2d.class)
  void conv1dGradientsMatchFiniteDifferences(@ForAll("cases") ConvCase k) {
    Tensor x = k.input(DType.FLOAT64).reshape(k.batch(), k.channels() * k.height(), k.width())
        .narrow(1, 0, k.channels()).detach().requiresGrad();
    Tensor w = k.weight(DType.FLOAT64).reshape(k.filters(), k.channelsPerGroup() * k.kernelH(), k.kernelW())
        .narrow(1, 0, k.channelsPerGroup()).detach().requiresGrad();
    ConvOptions options = oneAxis(k);
    GradCheck.check(in -> Conv.conv1d(in[0], in[1], options), x, w);
    GradCheck.gradGrad(in -> Conv.conv1d(in[0], in[1], options), x, w);
  }

  /** Mixed types compute in FLOAT64, as MatMul does; each gradient comes back in its input's type. */
  @Example
  void mixedTypesComputeInFloat64() {
    ConvCase k = ConvCase.draw(42);
    Tensor x = k.input(DType.FLOAT32).requiresGrad();
    Tensor w = k.weight(DType.FLOAT64).requiresGrad();
    Tensor y = Conv.conv2d(x, w, k.options());
    assertEquals(DType.FLOAT64, y.dtype());
    assertArrayEquals(Conv.conv2d(x.detach().to(DType.FLOAT64), w.detach(), k.options()).toDoubleArray(),
        y.toDoubleArray(), 0.0);
    y.sum().backward();
    assertEquals(DType.FLOAT32, x.grad().dtype());
    assertEquals(DType.FLOAT64, w.grad().dtype());
    assertEquals(x.shape(), x.grad().shape());
  }

  /** The width options of a case as conv1d's single numbers. */
  private static ConvOptions oneAxis(ConvCase k) {
    return ConvOptions.defaults().stride(k.strideW()).padding(k.padW()).dilation(k.dilationW()).groups(k.groups());
  }
}
