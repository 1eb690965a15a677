package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Caller errors name the op, the shapes, the options and what was expected. */
class ConvErrorsTest {

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void anEmptyOutputNamesTheInputKernelStridePaddingAndDilation() {
    assertEquals("conv2d: input of shape (1, 1, 4, 4) with kernel (3, 3), stride (1, 1), padding (0, 0), dilation"
        + " (2, 2) gives an empty output of 0 x 0: the dilated kernel (5, 5) is larger than the padded input"
        + " (4, 4)", message(() -> Conv.conv2d(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 3, 3),
            ConvOptions.defaults().dilation(2))));
    assertEquals("unfold: input of shape (2, 3, 2, 5) with kernel (3, 1), stride (2, 1), padding (0, 1), dilation"
        + " (1, 1) gives an empty output of 0 x 7: the dilated kernel (3, 1) is larger than the padded input"
        + " (2, 7)", message(() -> Conv.unfold(Tensor.zeros(2, 3, 2, 5), 3, 1,
            ConvOptions.defaults().stride(2, 1).padding(0, 1))));
    assertEquals("convTranspose2d: input of shape (1, 1, 1, 1) with kernel (1, 1), stride (1, 1), padding (1, 1),"
        + " dilation (1, 1) and output padding (0, 0) gives an empty output of -1 x -1",
        message(() -> Conv.convTranspose2d(Tensor.zeros(1, 1, 1, 1), Tensor.zeros(1, 1, 1, 1),
            ConvOptions.defaults().padding(1))));
  }

  @Test
  void conv1dNamesItsOwnShapes() {
    String m = message(() -> Conv.conv1d(Tensor.zeros(2, 3, 4), Tensor.zeros(5, 3, 6), ConvOptions.defaults()));
    assertEquals(true, m.startsWith("conv1d: input of shape (2, 3, 4), weight of shape (5, 3, 6), stride=(1, 1),"
        + " padding=(0, 0), dilation=(1, 1), groups=1: conv2d: input of shape (2, 3, 1, 4) with kernel (1, 6)"), m);
  }

  @Test
  void channelAndGroupMismatchesAreNamed() {
    assertEquals("conv2d: input of shape (1, 4, 5, 5) has 4 channels, but weight of shape (6, 3, 3, 3) with groups"
        + " 1 expects 3 (3 per group)", message(() -> Conv.conv2d(Tensor.zeros(1, 4, 5, 5),
            Tensor.zeros(6, 3, 3, 3), ConvOptions.defaults())));
    assertEquals("conv2d: input channels 3 of shape (1, 3, 5, 5) are not divisible by groups 2",
        message(() -> Conv.conv2d(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(4, 1, 3, 3),
            ConvOptions.defaults().groups(2))));
    assertEquals("conv2d: output channels 5 of shape (5, 2, 3, 3) are not divisible by groups 2",
        message(() -> Conv.conv2d(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(5, 2, 3, 3),
            ConvOptions.defaults().groups(2))));
    assertEquals("conv2d: bias of shape (3,) must be (4,), one value per output channel",
        message(() -> Conv.conv2d(Tensor.zeros(1, 1, 5, 5), Tensor.zeros(4, 1, 3, 3), Tensor.zeros(3),
            ConvOptions.defaults())));
    assertEquals("convTranspose2d: input of shape (1, 3, 5, 5) has 3 channels, but weight of shape (4, 2, 3, 3)"
        + " expects 4 (dimension 0 of the weight)", message(() -> Conv.convTranspose2d(Tensor.zeros(1, 3, 5, 5),
            Tensor.zeros(4, 2, 3, 3), ConvOptions.defaults())));
    assertEquals("conv2d: input must be 4-D (N, C, H, W), got shape (3, 5, 5)",
        message(() -> Conv.conv2d(Tensor.zeros(3, 5, 5), Tensor.zeros(4, 3, 3, 3), ConvOptions.defaults())));
  }

  @Test
  void optionsThatPyTorchRefusesAreRefused() {
    assertEquals("conv2d: padding \"same\" needs stride 1, got stride (2, 2)", message(() -> Conv.conv2d(
        Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1, 1, 3, 3), ConvOptions.defaults().stride(2).paddingSame())));
    assertEquals("convTranspose2d: output padding (2, 0) must be smaller than either stride (2, 2) or dilation"
        + " (1, 1)", message(() -> Conv.convTranspose2d(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1, 1, 3, 3),
            ConvOptions.defaults().stride(2).outputPadding(2, 0))));
    assertEquals("conv2d: output padding (1, 1) is an option of convTranspose2d only", message(() -> Conv.conv2d(
        Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1, 1, 3, 3), ConvOptions.defaults().outputPadding(1))));
    assertEquals("conv: stride must be positive, got (0, 0)", message(() -> ConvOptions.defaults().stride(0)));
    assertEquals("fold: input of shape (1, 9, 5) has 5 columns, but an output of (4, 4) with kernel (3, 3), stride"
        + " (1, 1), padding (0, 0), dilation (1, 1) has 2 x 2 = 4 window positions", message(() -> Conv.fold(
            Tensor.zeros(1, 9, 5), 4, 4, 3, 3, ConvOptions.defaults())));
  }
}
