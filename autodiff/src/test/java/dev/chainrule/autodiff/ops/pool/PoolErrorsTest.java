package dev.chainrule.autodiff.ops.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What the pooling and padding ops refuse, and that each message names the op, the shape and the options. */
class PoolErrorsTest {

  private static String refusal(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void anEmptyOutputNamesTheOpTheShapeAndEveryOption() {
    Tensor x = Tensor.zeros(1, 1, 1, 1);
    assertEquals("maxPool2d: input of shape (1, 1, 1, 1) with kernel (3, 3), stride (1, 1), padding (0, 0),"
        + " dilation (1, 1), ceil mode off: the output would be empty, of size (-1, -1)",
        refusal(() -> Pool.maxPool2d(x, PoolOptions.kernel(3).stride(1))));
    assertEquals("maxPool1d: input of shape (1, 2, 1) with kernel 2, stride 1, padding 1, dilation 3, ceil mode on:"
        + " the output would be empty, of size 0",
        refusal(() -> Pool.maxPool1d(Tensor.zeros(1, 2, 1), PoolOptions.kernel(2).stride(1).padding(1).dilation(3)
            .ceilMode(true))));
    assertEquals("avgPool2d: input of shape (2, 3, 2) with kernel (3, 3), stride (3, 3), padding (0, 0), ceil mode"
        + " off: the output would be empty, of size (1, 0)", refusal(() -> Pool.avgPool2d(Tensor.zeros(2, 3, 2), 3)));
  }

  @Test
  void paddingOverHalfTheKernelIsRefusedAsInPyTorch() {
    assertEquals("maxPool2d: input of shape (1, 1, 5, 5) with kernel (3, 3), stride (3, 3), padding (2, 2),"
        + " dilation (1, 1), ceil mode off: padding must be at most half the kernel size",
        refusal(() -> Pool.maxPool2d(Tensor.zeros(1, 1, 5, 5), PoolOptions.kernel(3).padding(2))));
    assertEquals("avgPool1d: input of shape (1, 1, 5) with kernel 1, stride 1, padding 1, ceil mode off: padding"
        + " must be at most half the kernel size",
        refusal(() -> Pool.avgPool1d(Tensor.zeros(1, 1, 5), PoolOptions.kernel(1).padding(1))));
  }

  @Test
  void badOptionsAndShapesAreRefused() {
    Tensor x = Tensor.zeros(1, 1, 4, 4);
    assertEquals("maxPool2d: input of shape (1, 1, 4, 4) with kernel (0, 2), stride (1, 1), padding (0, 0), dilation"
        + " (1, 1), ceil mode off: kernel and stride must be at least 1",
        refusal(() -> Pool.maxPool2d(x, PoolOptions.kernel(0, 2).stride(1))));
    assertEquals("maxPool2d: input of shape (1, 1, 4, 4) with kernel (2, 2), stride (2, 2), padding (0, 0), dilation"
        + " (0, 0), ceil mode off: dilation must be at least 1, got (0, 0)",
        refusal(() -> Pool.maxPool2d(x, PoolOptions.kernel(2).dilation(0))));
    assertEquals("avgPool2d: input of shape (1, 1, 4, 4) with kernel (2, 2), stride (2, 2), padding (0, 0), ceil mode"
        + " off: average pooling has no dilation, got (2, 2)",
        refusal(() -> Pool.avgPool2d(x, PoolOptions.kernel(2).dilation(2))));
    assertEquals("maxPool2d: input of shape (1, 1, 4, 4) with kernel (2, 2), stride (2, 2), padding (-1, -1),"
        + " dilation (1, 1), ceil mode off: padding must not be negative",
        refusal(() -> Pool.maxPool2d(x, PoolOptions.kernel(2).padding(-1))));
    assertEquals("maxPool2d: input of shape (4, 4) must be (N, C, H, W) or (C, H, W)",
        refusal(() -> Pool.maxPool2d(Tensor.zeros(4, 4), 2)));
    assertEquals("maxPool1d: input of shape (1, 0, 4) has an empty axis 1 (only the batch may be empty)",
        refusal(() -> Pool.maxPool1d(Tensor.zeros(1, 0, 4), 2)));
    assertEquals("maxPool1d: options with kernel (2, 3), stride (2, 3), padding (0, 0), dilation (1, 1), ceil mode"
        + " off are two-dimensional; a 1-D pool takes one kernel, stride, padding and dilation",
        refusal(() -> Pool.maxPool1d(Tensor.zeros(1, 1, 4), PoolOptions.kernel(2, 3))));
    assertEquals("adaptiveAvgPool2d: output size (0, 2) for input of shape (1, 1, 4, 4) must be positive",
        refusal(() -> Pool.adaptiveAvgPool2d(x, 0, 2)));
  }

  @Test
  void anEmptyBatchGivesAnEmptyBatch() {
    assertEquals(dev.chainrule.autodiff.Shape.of(0, 3, 2, 2), Pool.maxPool2d(Tensor.zeros(0, 3, 4, 4), 2).shape());
  }

  @Test
  void padRefusesWhatPyTorchRefuses() {
    Tensor x = Tensor.zeros(1, 1, 3, 3);
    assertEquals("pad: input of shape (1, 1, 3, 3), pads [3, 3], mode REFLECT: reflect padding (3, 3) must be less"
        + " than the size 3 of axis 3", refusal(() -> Pad.pad(x, PadMode.REFLECT, 3, 3)));
    assertEquals("pad: input of shape (1, 1, 3, 3), pads [1, 2, 3], mode CONSTANT: pads must be (left, right) or"
        + " (left, right, top, bottom)", refusal(() -> Pad.pad(x, PadMode.CONSTANT, 1, 2, 3)));
    assertEquals("pad: input of shape (3,), pads [1, 1, 1, 1], mode REPLICATE: 2-D padding needs at least 2 axes",
        refusal(() -> Pad.pad(Tensor.zeros(3), PadMode.REPLICATE, 1, 1, 1, 1)));
    assertEquals("pad: input of shape (1, 1, 3, 3), pads [-2, -2], mode CONSTANT: axis 3 of size 3 would have size"
        + " -1", refusal(() -> Pad.constant(x, 1, -2, -2)));
    assertEquals("pad: input of shape (1, 1, 3, 3), pads [-2, -1], mode REPLICATE: axis 3 of size 3 would have size"
        + " 0", refusal(() -> Pad.pad(x, PadMode.REPLICATE, -2, -1)));
    assertEquals("pad: input of shape (2, 0), pads [1, 1], mode REPLICATE: replicate padding of the empty axis 1",
        refusal(() -> Pad.pad(Tensor.zeros(2, 0), PadMode.REPLICATE, 1, 1)));
  }
}
