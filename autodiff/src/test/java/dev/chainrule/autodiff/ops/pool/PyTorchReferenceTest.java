package dev.chainrule.autodiff.ops.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Values and gradients from PyTorch 1.13, generated once and committed as literals: ceil mode, dilation,
 * countIncludePad, adaptive windows (shrinking and growing), reflect, replicate and constant padding with
 * negative (cropping) pads. The input is {@code x[i] = (7i mod 11) - 5} (many ties, so max pooling's tie rule is
 * exercised), the gradient that of {@code sum(y * w)} with {@code w = 1, 2, 3, ...}, made by:
 *
 * <pre>{@code
 * import math, torch, torch.nn.functional as F
 * torch.set_default_dtype(torch.float64)
 * def run(shape, f):
 *     n = math.prod(shape)
 *     x = torch.tensor([float((i * 7) % 11 - 5) for i in range(n)]).reshape(shape).requires_grad_()
 *     y = f(x); w = torch.arange(1., y.numel() + 1).reshape(y.shape)
 *     (y * w).sum().backward()
 *     print(tuple(y.shape), y.flatten().tolist(), x.grad.flatten().tolist())
 * run((1, 2, 5, 6), lambda x: F.max_pool2d(x, (3, 2), (2, 2), (1, 1), (1, 2), ceil_mode=True))   # and so on
 * }</pre>
 */
class PyTorchReferenceTest {

  private static void check(int[] shape, UnaryOperator<Tensor> f, int[] outShape, double[] y, double[] grad) {
    for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      double[] values = new double[Shape.of(shape).size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (i * 7) % 11 - 5;
      }
      Tensor x = Tensor.of(values, shape).to(dtype).requiresGrad();
      Tensor out = f.apply(x);
      assertEquals(Shape.of(outShape), out.shape());
      assertEquals(dtype, out.dtype());
      double tolerance = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
      assertArrayEquals(y, out.toDoubleArray(), tolerance);
      double[] w = new double[out.size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = i + 1;
      }
      out.mul(Tensor.of(w, outShape).to(dtype)).sum().backward();
      assertArrayEquals(grad, x.grad().toDoubleArray(), tolerance * 10);
    }
  }

  /** {@code F.max_pool2d(x, (3, 2), (2, 2), (1, 1), (1, 2), ceil_mode=True)}. */
  @Test
  void max2d() {
    check(new int[] {1, 2, 5, 6},
        x -> Pool.maxPool2d(x, PoolOptions.kernel(3, 2).stride(2).padding(1).dilation(1, 2).ceilMode(true)),
        new int[] {1, 2, 3, 4},
        new double[] {2.0, 5.0, 5.0, -3.0, 0.0, 3.0, 4.0, 4.0, 5.0, 5.0, 2.0, 2.0, 3.0, 4.0, 4.0, -2.0, 1.0, 4.0,
            5.0, 5.0, -3.0, 0.0, 3.0, 3.0},
        new double[] {0.0, 1.0, 0.0, 5.0, 0.0, 4.0, 0.0, 5.0, 0.0, 6.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 15.0, 0.0,
            0.0, 0.0, 0.0, 0.0, 23.0, 0.0, 19.0, 0.0, 0.0, 0.0, 0.0, 0.0, 13.0, 0.0, 0.0, 0.0, 16.0, 0.0, 17.0, 0.0,
            47.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 39.0, 0.0, 21.0, 0.0, 22.0, 0.0, 47.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.0});
  }

  /** {@code F.max_pool2d(x, (3, 2), (2, 2), (1, 1), (1, 2), ceil_mode=False)}. */
  @Test
  void max2dFloor() {
    check(new int[] {1, 2, 5, 6},
        x -> Pool.maxPool2d(x, PoolOptions.kernel(3, 2).stride(2).padding(1).dilation(1, 2)),
        new int[] {1, 2, 3, 3},
        new double[] {2.0, 5.0, 5.0, 0.0, 3.0, 4.0, 5.0, 5.0, 2.0, 3.0, 4.0, 4.0, 1.0, 4.0, 5.0, -3.0, 0.0, 3.0},
        new double[] {0.0, 1.0, 0.0, 5.0, 0.0, 0.0, 0.0, 4.0, 0.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0, 0.0,
            0.0, 0.0, 0.0, 0.0, 9.0, 0.0, 15.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0, 13.0, 0.0,
            37.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 15.0, 0.0, 16.0, 0.0, 17.0, 0.0, 18.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.0});
  }

  /** {@code F.max_pool1d(x, 3, 2, 1, ceil_mode=True)}. */
  @Test
  void max1d() {
    check(new int[] {1, 2, 7},
        x -> Pool.maxPool1d(x, PoolOptions.kernel(3).stride(2).padding(1).ceilMode(true)),
        new int[] {1, 2, 4},
        new double[] {2.0, 5.0, 5.0, 4.0, 0.0, 3.0, 2.0, 2.0},
        new double[] {0.0, 1.0, 0.0, 5.0, 0.0, 0.0, 4.0, 5.0, 0.0, 6.0, 0.0, 0.0, 15.0, 0.0});
  }

  /** {@code F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=True)}. */
  @Test
  void avg2dInc() {
    check(new int[] {1, 1, 5, 6},
        x -> Pool.avgPool2d(x, PoolOptions.kernel(3).stride(2).padding(1).ceilMode(true)),
        new int[] {1, 1, 3, 4},
        new double[] {0.1111111111111111, 0.4444444444444444, 0.0, -1.3333333333333333, 0.0, 0.1111111111111111,
            -0.5555555555555556, 0.16666666666666666, -0.1111111111111111, 0.1111111111111111, -0.3333333333333333,
            0.3333333333333333},
        new double[] {0.1111111111111111, 0.3333333333333333, 0.2222222222222222, 0.5555555555555556,
            0.3333333333333333, 1.0, 0.6666666666666667, 1.5555555555555554, 0.8888888888888888, 2.0,
            1.1111111111111112, 3.1111111111111107, 0.5555555555555556, 1.2222222222222223, 0.6666666666666666,
            1.4444444444444444, 0.7777777777777778, 2.111111111111111, 1.5555555555555556, 3.3333333333333335,
            1.7777777777777777, 3.7777777777777777, 2.0, 5.333333333333334, 1.0, 2.111111111111111,
            1.1111111111111112, 2.3333333333333335, 1.2222222222222223, 3.2222222222222223});
  }

  /** {@code F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False)}. */
  @Test
  void avg2dExc() {
    check(new int[] {1, 1, 5, 6},
        x -> Pool.avgPool2d(x, PoolOptions.kernel(3).stride(2).padding(1).ceilMode(true).countIncludePad(false)),
        new int[] {1, 1, 3, 4},
        new double[] {0.25, 0.6666666666666666, 0.0, -4.0, 0.0, 0.1111111111111111, -0.5555555555555556,
            0.3333333333333333, -0.25, 0.16666666666666666, -0.5, 1.0},
        new double[] {0.25, 0.5833333333333333, 0.3333333333333333, 0.8333333333333333, 0.5, 2.5, 1.0833333333333335,
            2.083333333333333, 1.0, 2.2777777777777777, 1.2777777777777777, 5.944444444444445, 0.8333333333333334,
            1.5, 0.6666666666666666, 1.4444444444444444, 0.7777777777777778, 3.444444444444444, 3.0833333333333335,
            5.416666666666667, 2.3333333333333335, 4.944444444444445, 2.611111111111111, 11.277777777777779, 2.25,
            3.916666666666667, 1.6666666666666667, 3.5, 1.8333333333333333, 7.833333333333333});
  }

  /** {@code F.avg_pool1d(x, 3, 3, 1, ceil_mode=True, count_include_pad=True)}. */
  @Test
  void avg1dInc() {
    check(new int[] {1, 1, 7},
        x -> Pool.avgPool1d(x, PoolOptions.kernel(3).stride(3).padding(1).ceilMode(true)),
        new int[] {1, 1, 3},
        new double[] {-1.0, 1.3333333333333333, 0.3333333333333333},
        new double[] {0.3333333333333333, 0.3333333333333333, 0.6666666666666666, 0.6666666666666666,
            0.6666666666666666, 1.0, 1.0});
  }

  /** {@code F.avg_pool1d(x, 3, 3, 1, ceil_mode=True, count_include_pad=False)}. */
  @Test
  void avg1dExc() {
    check(new int[] {1, 1, 7},
        x -> Pool.avgPool1d(x, PoolOptions.kernel(3).stride(3).padding(1).ceilMode(true).countIncludePad(false)),
        new int[] {1, 1, 3},
        new double[] {-1.5, 1.3333333333333333, 0.5},
        new double[] {0.5, 0.5, 0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 1.5, 1.5});
  }

  /** {@code F.adaptive_avg_pool2d(x, (3, 4))}. */
  @Test
  void adaptive() {
    check(new int[] {1, 1, 5, 7}, x -> Pool.adaptiveAvgPool2d(x, 3, 4), new int[] {1, 1, 3, 4},
        new double[] {-1.75, 0.5, -0.16666666666666666, 0.25, -0.6666666666666666, -0.5555555555555556, 0.0, -0.5,
            -0.5, -1.0, 0.16666666666666666, -1.25},
        new double[] {0.25, 0.5833333333333333, 0.3333333333333333, 0.8333333333333333, 0.5, 1.5, 1.0,
            1.0833333333333335, 2.083333333333333, 1.0, 2.2777777777777777, 1.2777777777777777, 3.6111111111111107,
            2.333333333333333, 0.8333333333333334, 1.5, 0.6666666666666666, 1.4444444444444444, 0.7777777777777778,
            2.111111111111111, 1.3333333333333333, 3.0833333333333335, 5.416666666666667, 2.3333333333333335,
            4.944444444444445, 2.611111111111111, 6.944444444444445, 4.333333333333333, 2.25, 3.916666666666667,
            1.6666666666666667, 3.5, 1.8333333333333333, 4.833333333333333, 3.0});
  }

  /** {@code F.adaptive_avg_pool2d(x, (4, 5))}. */
  @Test
  void adaptiveUp() {
    check(new int[] {1, 1, 3, 2}, x -> Pool.adaptiveAvgPool2d(x, 4, 5), new int[] {1, 1, 4, 5},
        new double[] {-5.0, -5.0, -1.5, 2.0, 2.0, -3.5, -3.5, 0.0, 3.5, 3.5, -0.5, -0.5, 0.25, 1.0, 1.0, 1.0, 1.0,
            -1.0, -3.0, -3.0},
        new double[] {13.0, 22.0, 23.25, 29.25, 56.75, 65.75});
  }

  /** {@code F.pad(x, (2, 1, 1, 2), mode='reflect')}. */
  @Test
  void reflect() {
    check(new int[] {1, 1, 3, 4}, x -> Pad.pad(x, PadMode.REFLECT, 2, 1, 1, 2), new int[] {1, 1, 6, 7},
        new double[] {4.0, -3.0, 1.0, -3.0, 4.0, 0.0, 4.0, -2.0, 2.0, -5.0, 2.0, -2.0, 5.0, -2.0, 4.0, -3.0, 1.0,
            -3.0, 4.0, 0.0, 4.0, -1.0, 3.0, -4.0, 3.0, -1.0, -5.0, -1.0, 4.0, -3.0, 1.0, -3.0, 4.0, 0.0, 4.0, -2.0,
            2.0, -5.0, 2.0, -2.0, 5.0, -2.0},
        new double[] {48.0, 96.0, 152.0, 54.0, 51.0, 102.0, 165.0, 60.0, 24.0, 48.0, 76.0, 27.0});
  }

  /** {@code F.pad(x, (3, -1, 2, 0), mode='replicate')}. */
  @Test
  void replicate() {
    check(new int[] {1, 1, 3, 4}, x -> Pad.pad(x, PadMode.REPLICATE, 3, -1, 2, 0), new int[] {1, 1, 5, 6},
        new double[] {-5.0, -5.0, -5.0, -5.0, 2.0, -2.0, -5.0, -5.0, -5.0, -5.0, 2.0, -2.0, -5.0, -5.0, -5.0, -5.0,
            2.0, -2.0, 1.0, 1.0, 1.0, 1.0, -3.0, 4.0, -4.0, -4.0, -4.0, -4.0, 3.0, -1.0},
        new double[] {102.0, 33.0, 36.0, 0.0, 82.0, 23.0, 24.0, 0.0, 106.0, 29.0, 30.0, 0.0});
  }

  /** {@code F.pad(x, (1, -2, 0, 1), mode='constant', value=1.5)}. */
  @Test
  void constant() {
    check(new int[] {1, 1, 3, 4}, x -> Pad.constant(x, 1.5, 1, -2, 0, 1), new int[] {1, 1, 4, 3},
        new double[] {1.5, -5.0, 2.0, 1.5, 1.0, -3.0, 1.5, -4.0, 3.0, 1.5, 1.5, 1.5},
        new double[] {2.0, 3.0, 0.0, 0.0, 5.0, 6.0, 0.0, 0.0, 8.0, 9.0, 0.0, 0.0});
  }

  /** {@code F.pad(x, (4, -1), mode='reflect')}. */
  @Test
  void reflect1d() {
    check(new int[] {1, 2, 5}, x -> Pad.pad(x, PadMode.REFLECT, 4, -1), new int[] {1, 2, 8},
        new double[] {1.0, 5.0, -2.0, 2.0, -5.0, 2.0, -2.0, 5.0, 3.0, -4.0, 0.0, 4.0, -3.0, 4.0, 0.0, -4.0},
        new double[] {5.0, 10.0, 10.0, 10.0, 1.0, 13.0, 26.0, 26.0, 26.0, 9.0});
  }

  /** {@code F.max_pool2d(x, (1, 4))} over {@code 1, nan, 3, nan}: NaN, its gradient to the last NaN. */
  @Test
  void maxPoolOfANaNWindowIsNaNAndRoutesToTheLastNaN() {
    Tensor x = Tensor.of(new double[] {1, Double.NaN, 3, Double.NaN}, 1, 1, 1, 4).requiresGrad();
    Tensor y = Pool.maxPool2d(x, PoolOptions.kernel(1, 4));
    assertArrayEquals(new double[] {Double.NaN}, y.toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[] {0, 0, 0, 1}, x.grad().toDoubleArray());
  }
}
