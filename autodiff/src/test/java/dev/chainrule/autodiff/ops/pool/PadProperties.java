package dev.chainrule.autodiff.ops.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Padding in every mode over random shapes of rank 1 to 4 and random pads from -1 to 2 (1-D or 2-D, reflect
 * pads below the axis size): gradients and second order, and the forward against a naive loop.
 */
class PadProperties {

  /** A random case: a shape, a mode and pads valid for both. */
  private record Case(Shape shape, PadMode mode, int[] pads) {
    static Case draw(long seed) {
      Rng rng = new Rng(seed);
      PadMode mode = PadMode.values()[rng.nextInt(3)];
      int[] pads = new int[rng.nextInt(2) == 0 ? 2 : 4];
      int rank = pads.length / 2 + rng.nextInt(3);
      int[] dims = new int[rank];
      for (int d = 0; d < rank; d++) {
        dims[d] = 1 + rng.nextInt(4);
      }
      for (int side = 0; side < pads.length; side++) {
        int n = dims[rank - 1 - side / 2];
        int bound = mode == PadMode.REFLECT ? Math.min(2, n - 1) : 2;
        pads[side] = -1 + rng.nextInt(bound + 2);
      }
      for (int side = 0; side < pads.length; side += 2) {
        int axis = rank - 1 - side / 2;
        // A crop on both sides of a small axis could leave nothing: grow the axis.
        dims[axis] = Math.max(dims[axis], 1 - pads[side] - pads[side + 1]);
        dims[axis] = Math.max(dims[axis], mode == PadMode.REFLECT ? Math.max(pads[side], pads[side + 1]) + 1 : 1);
      }
      return new Case(Shape.of(dims), mode, pads);
    }

    Tensor apply(Tensor x) {
      return Pad.pad(x, mode, pads);
    }

    @Override
    public String toString() {
      return shape + " " + mode + " " + java.util.Arrays.toString(pads);
    }
  }

  @Property(tries = 80)
  @GradientProperty({ConstantPad.class, TakeAt.class, ScatterAt.class})
  void padGradientsMatchFiniteDifferences(@ForAll long seed) {
    Case c = Case.draw(seed);
    Tensor x = Generators.uniform(c.shape(), seed, -2, 2).requiresGrad();
    GradCheck.gradGrad(in -> c.apply(in[0]), x);
    Tensor g = Generators.uniform(c.apply(x).shape(), seed + 1, -1, 1).requiresGrad();
    GradCheck.gradGrad(Vjp.of(in -> c.apply(in[0])), x.detach(), g);
  }

  @Property(tries = 100)
  void padMatchesTheNaiveLoop(@ForAll long seed) {
    Case c = Case.draw(seed);
    Tensor x = Generators.uniform(c.shape(), seed, -2, 2);
    double value = new Rng(seed).nextDouble();
    int rank = c.shape().rank();
    int[] dims = c.shape().dims();
    int w = dims[rank - 1];
    int h = c.pads().length == 4 ? dims[rank - 2] : 1;
    int left = c.pads()[0];
    int top = c.pads().length == 4 ? c.pads()[2] : 0;
    int ow = w + left + c.pads()[1];
    int oh = c.pads().length == 4 ? h + top + c.pads()[3] : 1;
    int planes = x.size() / (h * w);
    double[] expected = new double[planes * oh * ow];
    int e = 0;
    for (int p = 0; p < planes; p++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++, e++) {
          int r = i - top;
          int col = j - left;
          expected[e] = switch (c.mode()) {
            case CONSTANT -> r < 0 || r >= h || col < 0 || col >= w ? value : x.get((p * h + r) * w + col);
            case REFLECT -> x.get((p * h + Math.abs(h - 1 - Math.abs(h - 1 - r))) * w
                + Math.abs(w - 1 - Math.abs(w - 1 - col)));
            case REPLICATE -> x.get((p * h + Math.min(Math.max(r, 0), h - 1)) * w
                + Math.min(Math.max(col, 0), w - 1));
          };
        }
      }
    }
    Tensor y = c.mode() == PadMode.CONSTANT ? Pad.constant(x, value, c.pads()) : c.apply(x);
    assertEquals(planes * oh * ow, y.size(), c.toString());
    assertEquals(ow, y.shape().dim(-1), c.toString());
    assertArrayEquals(expected, y.toDoubleArray(), c.toString());
    Tensor narrow = c.mode() == PadMode.CONSTANT ? Pad.constant(x.to(DType.FLOAT32), value, c.pads())
        : c.apply(x.to(DType.FLOAT32));
    assertEquals(DType.FLOAT32, narrow.dtype());
    assertArrayEquals(y.to(DType.FLOAT32).toFloatArray(), narrow.toFloatArray(), c.toString());
  }
}
