package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;
import dev.chainrule.autodiff.ops.Abs;
import dev.chainrule.autodiff.ops.Add;
import dev.chainrule.autodiff.ops.Cast;
import dev.chainrule.autodiff.ops.Compare;
import dev.chainrule.autodiff.ops.Cos;
import dev.chainrule.autodiff.ops.Div;
import dev.chainrule.autodiff.ops.Erf;
import dev.chainrule.autodiff.ops.Exp;
import dev.chainrule.autodiff.ops.Gelu;
import dev.chainrule.autodiff.ops.LeakyRelu;
import dev.chainrule.autodiff.ops.Log;
import dev.chainrule.autodiff.ops.Mul;
import dev.chainrule.autodiff.ops.Neg;
import dev.chainrule.autodiff.ops.Pow;
import dev.chainrule.autodiff.ops.PowScalar;
import dev.chainrule.autodiff.ops.Relu;
import dev.chainrule.autodiff.ops.Sigmoid;
import dev.chainrule.autodiff.ops.Silu;
import dev.chainrule.autodiff.ops.Sin;
import dev.chainrule.autodiff.ops.Softplus;
import dev.chainrule.autodiff.ops.Sqrt;
import dev.chainrule.autodiff.ops.Sub;
import dev.chainrule.autodiff.ops.Tanh;
import dev.chainrule.autodiff.ops.Where;

/**
 * The elementwise operations of {@link Tensor}, each one line applying an op class of
 * {@code dev.chainrule.autodiff.ops}: arithmetic with NumPy broadcasting, unary functions, activations,
 * {@code where}, and the non-differentiable comparisons. Type conversion lives here too.
 */
abstract class ElementwiseMethods extends TensorCreation {
  ElementwiseMethods() {}

  /** This tensor; the one concrete subclass is {@link Tensor}. */
  final Tensor self() {
    return (Tensor) this;
  }

  public abstract Shape shape();

  public abstract DType dtype();

  public abstract int rank();

  public abstract int size();

  // ---------------------------------------------------------------- type

  /** This tensor in another type; differentiable. Returns this when the type already matches. */
  public Tensor to(DType target) {
    return target == dtype() ? self() : new Cast(target).apply(self());
  }

  // ---------------------------------------------------------------- elementwise

  /** {@code this + other}, broadcast. */
  public Tensor add(Tensor other) {
    return new Add().apply(self(), other);
  }

  /** {@code this + c}. */
  public Tensor add(double c) {
    return add(like(c));
  }

  /** {@code this * other}, broadcast. */
  public Tensor mul(Tensor other) {
    return new Mul().apply(self(), other);
  }

  /** {@code this * c}. */
  public Tensor mul(double c) {
    return mul(like(c));
  }

  /** {@code this - other}, broadcast. */
  public Tensor sub(Tensor other) {
    return new Sub().apply(self(), other);
  }

  /** {@code this - c}. */
  public Tensor sub(double c) {
    return sub(like(c));
  }

  /** {@code c - this}. */
  public Tensor rsub(double c) {
    return like(c).sub(self());
  }

  /** {@code this / other}, broadcast. */
  public Tensor div(Tensor other) {
    return new Div().apply(self(), other);
  }

  /** {@code this / c}. */
  public Tensor div(double c) {
    return div(like(c));
  }

  /** {@code 1 / this}. */
  public Tensor reciprocal() {
    return like(1).div(self());
  }

  /** {@code -this}. */
  public Tensor neg() {
    return new Neg().apply(self());
  }

  /** {@code this^exponent}, elementwise, broadcast; the exponent's gradient needs {@code this > 0}. */
  public Tensor pow(Tensor exponent) {
    return new Pow().apply(self(), exponent);
  }

  /** {@code this^c} for a constant {@code c}. */
  public Tensor pow(double c) {
    return new PowScalar(c).apply(self());
  }

  /** {@code this * this}. */
  public Tensor square() {
    return mul(self());
  }

  /** {@code e^this}. */
  public Tensor exp() {
    return new Exp().apply(self());
  }

  /** {@code ln this}; {@code ln 0 = -inf}. */
  public Tensor log() {
    return new Log().apply(self());
  }

  /** The square root. */
  public Tensor sqrt() {
    return new Sqrt().apply(self());
  }

  /** {@code |this|}; gradient 0 at 0. */
  public Tensor abs() {
    return new Abs().apply(self());
  }

  /** {@code 1 / (1 + e^-this)}, stable for any magnitude. */
  public Tensor sigmoid() {
    return new Sigmoid().apply(self());
  }

  /** The hyperbolic tangent. */
  public Tensor tanh() {
    return new Tanh().apply(self());
  }

  /** {@code max(this, 0)}; gradient 0 at 0; NaN stays NaN, with a NaN gradient. */
  public Tensor relu() {
    return new Relu().apply(self());
  }

  /** {@code this > 0 ? this : slope * this}; NaN stays NaN, with a NaN gradient. */
  public Tensor leakyRelu(double slope) {
    return new LeakyRelu(slope).apply(self());
  }

  // Trigonometric functions, the error function and smooth activations (Sin, Cos, Erf, Softplus, Silu, Gelu).

  /** {@code sin this}; gradient {@code g cos this}. */
  public Tensor sin() {
    return new Sin().apply(self());
  }

  /** {@code cos this}; gradient {@code -g sin this}. */
  public Tensor cos() {
    return new Cos().apply(self());
  }

  /** The error function {@code 2/sqrt(pi) int_0^this e^(-t^2) dt}; gradient {@code g 2/sqrt(pi) e^(-this^2)}. */
  public Tensor erf() {
    return new Erf().apply(self());
  }

  /**
   * {@code ln(1 + e^this)}, and {@code this} itself above 20 (PyTorch's default threshold); gradient
   * {@code g sigmoid(this)}, {@code g} above 20.
   */
  public Tensor softplus() {
    return new Softplus().apply(self());
  }

  /** SiLU (swish) {@code this * sigmoid(this)}; gradient {@code g s (1 + this (1 - s))}, {@code s = sigmoid(this)}. */
  public Tensor silu() {
    return new Silu().apply(self());
  }

  /**
   * GELU {@code this Phi(this) = this/2 (1 + erf(this / sqrt 2))}, PyTorch's default (not the tanh approximation);
   * gradient {@code g (Phi(this) + this phi(this))}, {@code phi} the standard normal density.
   */
  public Tensor gelu() {
    return new Gelu().apply(self());
  }

  /**
   * {@code mask ? a : b} elementwise, all three broadcast; {@code mask} is a BOOL tensor (e.g. from {@link #gt}) and
   * gets no gradient. A floating mask is accepted too (nonzero selects {@code a}, NaN gives NaN), the form backward
   * rules use to carry NaN; an INT64 mask is refused.
   */
  public static Tensor where(Tensor mask, Tensor a, Tensor b) {
    checkArgument(mask.dtype() != DType.INT64, "where: mask of shape %s is int64; a mask is bool (convert with"
        + " ne(0) or to(DType.BOOL))", mask.shape());
    return new Where().apply(mask, a, b);
  }

  /**
   * {@code value} where {@code mask} is true, this tensor elsewhere; {@code mask} is a BOOL tensor that broadcasts
   * to this shape. {@code dL/dthis = where(mask, 0, g)}. Like PyTorch's {@code masked_fill}.
   */
  public Tensor maskedFill(Tensor mask, double value) {
    checkArgument(mask.dtype() == DType.BOOL, "maskedFill: mask of shape %s is %s; it must be bool (e.g. from a"
        + " comparison, or to(DType.BOOL))", mask.shape(), mask.dtype());
    checkArgument(mask.shape().broadcastsTo(shape()), "maskedFill: mask of shape %s does not broadcast to the"
        + " tensor's shape %s", mask.shape(), shape());
    return where(mask, like(value), self());
  }

  /**
   * The larger of {@code this} and {@code other}, broadcast. A tie sends the gradient to {@code this}. NaN if
   * either is, and then the gradient to both is NaN there: the mask is NaN ({@link Compare#keepNaN}).
   */
  public Tensor maximum(Tensor other) {
    return where(Compare.keepNaN(ge(other), self(), other), self(), other);
  }

  /**
   * The smaller of {@code this} and {@code other}, broadcast. A tie sends the gradient to {@code this}. NaN if
   * either is, and then the gradient to both is NaN there.
   */
  public Tensor minimum(Tensor other) {
    return where(Compare.keepNaN(le(other), self(), other), self(), other);
  }

  /**
   * {@code this} limited to {@code [min, max]}; an infinite bound is no bound. At a bound the gradient passes.
   * NaN stays NaN, with a NaN gradient.
   */
  public Tensor clamp(double min, double max) {
    checkArgument(min <= max, "clamp: min %s must not be greater than max %s (nor either NaN)", min, max);
    return clampMin(min).clampMax(max);
  }

  /** {@code max(self(), min)}; the gradient passes where {@code this >= min}. */
  public Tensor clampMin(double min) {
    checkArgument(!Double.isNaN(min), "clampMin: min is NaN");
    return min == Double.NEGATIVE_INFINITY ? self() : maximum(like(min));
  }

  /** {@code min(self(), max)}; the gradient passes where {@code this <= max}. */
  public Tensor clampMax(double max) {
    checkArgument(!Double.isNaN(max), "clampMax: max is NaN");
    return max == Double.POSITIVE_INFINITY ? self() : minimum(like(max));
  }

  // Logical operations on BOOL tensors (Compare), broadcast; never recorded.

  /** {@code this and other}, of BOOL tensors. */
  public Tensor logicalAnd(Tensor other) {
    return Compare.logicalAnd(self(), other);
  }

  /** {@code this or other}, of BOOL tensors. */
  public Tensor logicalOr(Tensor other) {
    return Compare.logicalOr(self(), other);
  }

  /** {@code this xor other}, of BOOL tensors. */
  public Tensor logicalXor(Tensor other) {
    return Compare.logicalXor(self(), other);
  }

  /** {@code not this}, of a BOOL tensor. */
  public Tensor logicalNot() {
    return Compare.logicalNot(self());
  }

  // Comparisons (Compare): BOOL, broadcast, computed in the promoted type; never recorded.

  /** {@code this > other}, broadcast. */
  public Tensor gt(Tensor other) {
    return Compare.gt(self(), other);
  }

  /** {@code this > c}. */
  public Tensor gt(double c) {
    return Compare.gt(self(), like(c));
  }

  /** {@code this >= other}, broadcast. */
  public Tensor ge(Tensor other) {
    return Compare.ge(self(), other);
  }

  /** {@code this >= c}. */
  public Tensor ge(double c) {
    return Compare.ge(self(), like(c));
  }

  /** {@code this < other}, broadcast. */
  public Tensor lt(Tensor other) {
    return Compare.lt(self(), other);
  }

  /** {@code this < c}. */
  public Tensor lt(double c) {
    return Compare.lt(self(), like(c));
  }

  /** {@code this <= other}, broadcast. */
  public Tensor le(Tensor other) {
    return Compare.le(self(), other);
  }

  /** {@code this <= c}. */
  public Tensor le(double c) {
    return Compare.le(self(), like(c));
  }

  /** {@code this == other}, broadcast. */
  public Tensor eq(Tensor other) {
    return Compare.eq(self(), other);
  }

  /** {@code this == c}. */
  public Tensor eq(double c) {
    return Compare.eq(self(), like(c));
  }

  /** {@code this != other}, broadcast. */
  public Tensor ne(Tensor other) {
    return Compare.ne(self(), other);
  }

  /** {@code this != c}. */
  public Tensor ne(double c) {
    return Compare.ne(self(), like(c));
  }

  /** A scalar of this tensor's type: scalar operands do not promote, as in PyTorch. */
  /**
   * {@code c} as a scalar operand for this tensor: of this type, except that a fractional, infinite or NaN
   * {@code c} with an integer or boolean tensor is of the default floating type, so that the result promotes to
   * it (PyTorch's {@code int_tensor + 0.5} is a float tensor); BOOL arithmetic with an integer is INT64.
   */
  private Tensor like(double c) {
    if (dtype().isFloatingPoint()) {
      return TensorFactory.full(dtype(), c, Shape.scalar());
    }
    boolean integral = c == Math.rint(c) && Math.abs(c) < 0x1p63;
    return TensorFactory.full(integral ? DType.INT64 : DType.defaultType(), c, Shape.scalar());
  }
}
