package dev.chainrule.autodiff.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * One element of one input's gradient that failed a {@link GradCheck}, as listed by
 * {@link GradCheckException#mismatches()}. What {@code analytic} and {@code expected} hold depends on the
 * exception's {@link GradCheckException.Kind kind}:
 *
 * <ul>
 *   <li>{@code VALUE}: the backward gradient {@code dL/dx_j} and the central difference
 *       {@code (L(x + eps e_j) - L(x - eps e_j)) / (2 eps)};
 *   <li>{@code NONDETERMINISTIC}: the second backward pass and the first, which should be bit-identical;
 *   <li>{@code ZERO_UPSTREAM}: the gradient for an all-zero upstream gradient, and {@code 0};
 *   <li>{@code SECOND_ORDER}: {@code d/dx_j <w, dL/dx>} by backward through backward, and the central
 *       difference of {@code <w, dL/dx>}, where {@code w} is a fixed random weighting.
 * </ul>
 *
 * @param input the index of the input among the checked function's arguments
 * @param label the input's label from {@code Tensor.named}, or {@code null}
 * @param element the flat row-major index of the element in the input
 * @param coordinates the same element as one index per axis, e.g. {@code [1, 2]} (empty for a scalar)
 * @param analytic the value the backward rule produced
 * @param expected the value it should have been
 * @param onKink whether the function has a kink within eps of this element (its one-sided slopes differ), so
 *     the finite difference is not a derivative; only ever set for {@code VALUE} mismatches
 */
public record Mismatch(int input, String label, int element, List<Integer> coordinates, double analytic,
    double expected, boolean onKink) {

  public Mismatch {
    checkArgument(input >= 0 && element >= 0, "Mismatch: input %s and element %s must be >= 0", input, element);
    coordinates = List.copyOf(checkNotNull(coordinates, "Mismatch: coordinates must not be null"));
  }

  /** {@code |analytic - expected|}; infinite when either is NaN, so that NaN sorts as the worst. */
  public double absoluteError() {
    double e = Math.abs(analytic - expected);
    return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
  }

  /** {@code |analytic - expected| / |expected|}, infinite when {@code expected} is 0 and they differ. */
  public double relativeError() {
    double abs = absoluteError();
    return abs == 0 ? 0 : abs / Math.abs(expected);
  }

  /** Row-major coordinates of flat index {@code flat} in a tensor with dimensions {@code dims}. */
  static List<Integer> coordinatesOf(int flat, int[] dims) {
    Integer[] c = new Integer[dims.length];
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      c[axis] = flat % dims[axis];
      flat /= dims[axis];
    }
    return List.of(c);
  }
}
