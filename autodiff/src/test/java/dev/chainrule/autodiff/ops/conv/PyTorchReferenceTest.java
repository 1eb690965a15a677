package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Output sizes and values from PyTorch 1.13, generated once and committed as literals, for the rules that are
 * easiest to get subtly wrong: "same" with an even kernel (the extra padding goes right and bottom), groups with
 * stride and padding, dilation with unequal strides and paddings, and transposed convolutions with output
 * padding (below the stride, and at the stride with a dilation). The script, run with {@code /usr/bin/python3}:
 *
 * <pre>
 * import torch, torch.nn.functional as F
 * torch.set_default_dtype(torch.float64)
 * def x_(n,c,h,w): return (torch.arange(n*c*h*w, dtype=torch.float64).reshape(n,c,h,w) % 7) / 4 - 0.75
 * def w_(*s): return (torch.arange(torch.tensor(s).prod().item(), dtype=torch.float64).reshape(*s) % 5) / 5 - 0.4
 * def show(name, y): print(name, tuple(y.shape)); print(", ".join("%.12g" % v for v in y.flatten().tolist()))
 * show("same", F.conv2d(x_(1,2,4,5), w_(3,2,2,4), padding="same"))
 * show("groups", F.conv2d(x_(2,4,5,5), w_(4,2,3,3), torch.tensor([0.5,-0.25,1.0,0.0]), stride=2, padding=1,
 *      groups=2))
 * show("dilation", F.conv2d(x_(1,1,6,7), w_(2,1,3,2), stride=(1,2), padding=(2,1), dilation=(2,3)))
 * show("transpose", F.conv_transpose2d(x_(1,4,3,2), w_(4,1,3,3), torch.tensor([0.1,-0.2]), stride=2, padding=1,
 *      output_padding=1, groups=2))
 * show("transpose_dil", F.conv_transpose2d(x_(1,2,3,3), w_(2,3,2,2), output_padding=1, dilation=2))
 * </pre>
 */
class PyTorchReferenceTest {
  private static final double TOLERANCE = 1e-11;

  private static Tensor x(int... dims) {
    double[] v = new double[Shape.of(dims).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 7) / 4.0 - 0.75;
    }
    return Tensor.of(v, dims);
  }

  private static Tensor w(int... dims) {
    double[] v = new double[Shape.of(dims).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 5) / 5.0 - 0.4;
    }
    return Tensor.of(v, dims);
  }

  @Test
  void samePaddingWithAnEvenKernelPadsRightAndBottom() {
    Tensor y = Conv.conv2d(x(1, 2, 4, 5), w(3, 2, 2, 4), ConvOptions.defaults().paddingSame());
    assertEquals(Shape.of(1, 3, 4, 5), y.shape());
    assertArrayEquals(new double[] {0.4, 1.25, 0.8, -0.5, -0.3, -0.7, -0.65, 0.3, 0.9, 0.65, -0.05, -0.45, -0.9,
        -0.5, 0.2, 0.05, 0.05, -0.05, -0.2, -0.1, -0.85, 0.45, 0.75, 0.45, -0.2, -0.4, -0.85, -0.9, 0.4, 0.25, 0.4,
        0.3, -0.45, -0.7, -0.35, 0.35, 0.15, 0.2, -0.05, -0.15, -0.85, -1.1, -0.05, 1.15, 0.15, 1.15, -0.05, -1.1,
        -0.85, 0.1, 0.35, 0.3, 1, -0.4, -0.65, -0.1, 0.25, 0.2, 0.35, 0.05}, y.toDoubleArray(), TOLERANCE);
  }

  @Test
  void groupsWithStrideAndPadding() {
    Tensor y = Conv.conv2d(x(2, 4, 5, 5), w(4, 2, 3, 3), Tensor.of(0.5, -0.25, 1.0, 0.0),
        ConvOptions.defaults().stride(2).padding(1).groups(2));
    assertEquals(Shape.of(2, 4, 3, 3), y.shape());
    assertArrayEquals(new double[] {0.85, -0.15, 0.25, -0.1, -8.32667268469e-17, 0.75, 0.95, 1.45,
        8.32667268469e-17, -0.85, 0.1, 0.45, -0.05, 0.3, -0.8, -0.1, -0.85, -0.15, 1.05, 0.8, 0.55, 0.35, 1.15,
        1.25, 1.15, 2.1, 0.55, -0.25, -5.55111512313e-17, 0.9, -0.15, -0.25, -0.85, 0.45, -0.75, 0.05, 0.1, -0.05,
        1.3, 0.5, 1.45, 0.1, 1.2, -0.3, 0.45, -0.1, 0.85, -0.7, -0.05, -1.35, 0.2, -0.85, -0.4, -0.15, 0.8, 0.4,
        1.9, 0.8, 0.8, 0.8, 1.9, 0.4, 0.8, -0.25, 1.3, -0.45, 0.25, -0.7, -0.15, -0.5, 0.25, 0.35},
        y.toDoubleArray(), TOLERANCE);
  }

  @Test
  void dilationWithUnequalStridesAndPaddings() {
    Tensor y = Conv.conv2d(x(1, 1, 6, 7), w(2, 1, 3, 2),
        ConvOptions.defaults().stride(1, 2).padding(2, 1).dilation(2, 3));
    assertEquals(Shape.of(1, 2, 6, 3), y.shape());
    assertArrayEquals(new double[] {0.05, -0.25, -0.15, 0.05, -0.25, -0.15, 0.1, -0.1, -0.3, 0.1, -0.1, -0.3,
        1.38777878078e-17, 0.2, -5.55111512313e-17, 1.38777878078e-17, 0.2, -5.55111512313e-17, -0.05, 0.15, 0.15,
        -0.05, 0.15, 0.15, -0.05, 0.25, 0.15, -0.05, 0.25, 0.15, -0.1, 0.1, 0.3, -0.1, 0.1, 0.3}, y.toDoubleArray(),
        TOLERANCE);
  }

  @Test
  void transposeWithOutputPaddingAndGroups() {
    Tensor y = Conv.convTranspose2d(x(1, 4, 3, 2), w(4, 1, 3, 3), Tensor.of(0.1, -0.2),
        ConvOptions.defaults().stride(2).padding(1).outputPadding(1).groups(2));
    assertEquals(Shape.of(1, 2, 6, 4), y.shape());
    assertArrayEquals(new double[] {-0.05, 0.6, -0.25, -2.77555756156e-17, 0.2, 0.35, 0.35, 0.05, -0.1, 0, 0.05,
        0, 0.15, 0.05, -0.05, 0.05, 0.2, 0.1, 0.35, 0, 0.1, -0.05, 0.05, 0.2, -0.25, -0.45, -0.3, -0.05, -0.45, 0.5,
        -0.65, -0.65, -0.35, 0.05, -0.05, -0.3, 0.2, -0.8, -0.35, 0.1, -0.1, -0.15, -0.15, -0.2, -0.3, 0, -0.3,
        -0.1}, y.toDoubleArray(), TOLERANCE);
  }

  /** Output padding 1 at stride 1 is allowed because it is below the dilation 2. */
  @Test
  void transposeWithOutputPaddingAtTheStrideBelowTheDilation() {
    Tensor y = Conv.convTranspose2d(x(1, 2, 3, 3), w(2, 3, 2, 2),
        ConvOptions.defaults().outputPadding(1).dilation(2));
    assertEquals(Shape.of(1, 3, 6, 6), y.shape());
    assertArrayEquals(new double[] {0.3, 0.2, 0.2, 0.1, 0.1, 0, 0, -0.1, -0.1, 0.1, -0.25, 0, -0.4, 0.3,
        5.55111512313e-17, 5.55111512313e-17, -0.05, 0, 0.2, 0.3, -0.5, -0.25, 0.4, 0, -0.2, -0.1, 0.35, -0.05,
        -0.1, 0, 0, 0, 0, 0, 0, 0, -0.25, -0.2, 0.15, 0.2, 0.1, 0, -0.1, -0.05, 0.35, -0.1, -0.2, 0, 0.5, -0.15,
        -0.5, 0.3, 0.3, 0, 0.1, 0.1, -0.05, 0.3, -0.3, 0, -0.25, 0.1, -0.1, -0.1, 0, 0, 0, 0, 0, 0, 0, 0, -0.05,
        -0.1, -0.4, -0.2, -0.15, 0, -0.2, -0.25, 0.3, -0.05, 0.35, 0, 0.65, 0.15, 0.5, -0.15, -0.1, 0, 0, -0.1,
        -0.1, 0.1, -0.25, 0, -0.3, 0.3, -0.05, 0.1, 0.1, 0, 0, 0, 0, 0, 0, 0}, y.toDoubleArray(), TOLERANCE);
  }
}
