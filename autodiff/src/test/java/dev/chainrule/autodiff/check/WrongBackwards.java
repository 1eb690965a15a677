package dev.chainrule.autodiff.check;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Tensor;

/** Deliberately wrong (and a few right) custom ops that GradCheck must reject (or pass). */
final class WrongBackwards {
  private WrongBackwards() {}

  /** {@code y = a * b} whose backward returns {@code g * a} for both inputs: wrong for {@code a}. */
  static final class MulWithSwappedGradient extends Function {
    private Tensor a;

    @Override
    protected Tensor forward(Tensor... in) {
      a = in[0];
      return in[0].mul(in[1]);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.mul(a), g.mul(a)};
    }
  }

  /** {@code y = x * x} with {@code dL/dx = -2 x g}: the wrong sign. */
  static final class SquareWithWrongSign extends Function {
    private Tensor x;

    @Override
    protected Tensor forward(Tensor... in) {
      x = in[0];
      return x.mul(x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.mul(x).mul(-2)};
    }
  }

  /** {@code y = 2 x} whose backward is scaled by how often it ran: 2g, then 4g, ... */
  static final class DoubleWithCounter extends Function {
    private int calls;

    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].mul(2);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      calls++;
      return new Tensor[] {g.mul(2.0 * calls)};
    }
  }

  /** {@code y = x} whose backward returns a gradient with one element too many. */
  static final class IdentityWithLongGradient extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].mul(1);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {Tensor.zeros(g.dtype(), g.size() + 1)};
    }
  }

  /** {@code y = x} with {@code dL/dx = g + 1}: right nowhere, and not zero for a zero upstream. */
  static final class IdentityPlusOne extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].mul(1);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.add(1)};
    }
  }

  /**
   * {@code y = |x| = x * sign(x)} with the sign computed in forward ({@code sign(0) = +1}, as {@code x >= 0}
   * would give), and {@code dL/dx = g * sign(x)}, or its negation when {@code flipped}.
   */
  static final class Abs extends Function {
    private final boolean flipped;
    private Tensor sign;

    Abs(boolean flipped) {
      this.flipped = flipped;
    }

    @Override
    protected Tensor forward(Tensor... in) {
      double[] s = in[0].toDoubleArray();
      for (int i = 0; i < s.length; i++) {
        s[i] = s[i] >= 0 ? 1 : -1;
      }
      sign = Tensor.of(s, in[0].shape().dims()).to(in[0].dtype());
      return in[0].mul(sign);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor gradient = g.mul(sign);
      return new Tensor[] {flipped ? gradient.mul(-1) : gradient};
    }
  }

  /** {@code y = x * x} with {@code dL/dx = 2 g x} computed from a detached x: right, but its own gradient is 0. */
  static final class SquareWithDetachedBackward extends Function {
    private Tensor x;

    @Override
    protected Tensor forward(Tensor... in) {
      x = in[0];
      return x.mul(x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.mul(x.detach()).mul(2)};
    }
  }

  /** {@code y = x^3} with {@code dL/dx = 3 g x x} where one factor x is detached: second derivative 3x, not 6x. */
  static final class CubeWithHalfDetachedBackward extends Function {
    private Tensor x;

    @Override
    protected Tensor forward(Tensor... in) {
      x = in[0];
      return x.mul(x).mul(x);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.mul(x).mul(x.detach()).mul(3)};
    }
  }
}
