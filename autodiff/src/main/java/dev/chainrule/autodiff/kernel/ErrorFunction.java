package dev.chainrule.autodiff.kernel;

/**
 * The error function {@code erf x = 2/sqrt(pi) int_0^x e^(-t^2) dt} and its complement {@code erfc x = 1 - erf x}
 * in double precision, by W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for
 * the error function", Math. Comp. 23 (1969) 631-638; the coefficients of his SPECFUN routine CALERF), which
 * approximate both to at least 18 significant digits before rounding. With {@code y = |x|}:
 *
 * <ul>
 *   <li>{@code y <= 0.46875}: {@code erf x = x R1(y^2)}, {@code R1} of degree (4, 4);
 *   <li>{@code 0.46875 < y <= 4}: {@code erfc y = e^(-y^2) R2(y)}, {@code R2} of degree (8, 8);
 *   <li>{@code y > 4}: {@code erfc y = e^(-y^2) / y (1/sqrt(pi) + z R3(z))} with {@code z = 1/y^2}, {@code R3} of
 *       degree (5, 5); 0 from {@code y >= 26.543} on, where it underflows.
 * </ul>
 *
 * {@code e^(-y^2)} is {@code e^(-u^2) e^(-(y - u)(y + u))} with {@code u} = {@code y} cut to a multiple of 1/16, so
 * that {@code u^2} is exact and no rounding of {@code y^2} is magnified by the exponential. Then
 * {@code erf y = 1 - erfc y}, {@code erf(-x) = -erf x} and {@code erfc(-x) = 2 - erfc x}. NaN gives NaN;
 * {@code erf(+-inf) = +-1}, {@code erfc(+inf) = 0}, {@code erfc(-inf) = 2}; {@code erf(-0) = -0}.
 */
final class ErrorFunction {
  private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
      3.20937758913846947e03, 1.85777706184603153e-1};
  private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
      2.84423683343917062e03};
  private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
      2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
      1.23033935479799725e03, 2.15311535474403846e-8};
  private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
      1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
      1.23033935480374942e03};
  private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
      1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
  private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
      6.05183413124413191e-2, 2.33520497626869185e-3};
  private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;
  private static final double SMALL = 0.46875;
  private static final double UNDERFLOW = 26.543; // erfc y < Double.MIN_VALUE from here on

  private ErrorFunction() {}

  static double erf(double x) {
    double y = Math.abs(x);
    if (Double.isNaN(x) || y <= SMALL) {
      return smallErf(x);
    }
    double erf = 0.5 - erfcOfPositive(y) + 0.5;
    return x < 0 ? -erf : erf;
  }

  static double erfc(double x) {
    double y = Math.abs(x);
    if (Double.isNaN(x) || y <= SMALL) {
      return 1 - smallErf(x);
    }
    double erfc = erfcOfPositive(y);
    return x < 0 ? 2 - erfc : erfc;
  }

  /** {@code erf x} for {@code |x| <= 0.46875} (and NaN). */
  private static double smallErf(double x) {
    double s = x * x; // underflows to 0 for tiny x: erf x = x A3 / B3 = 2x / sqrt(pi)
    double num = A[4] * s;
    double den = s;
    for (int i = 0; i < 3; i++) {
      num = (num + A[i]) * s;
      den = (den + B[i]) * s;
    }
    return x * (num + A[3]) / (den + B[3]);
  }

  /** {@code erfc y} for {@code y > 0.46875}, infinity included. */
  private static double erfcOfPositive(double y) {
    double r;
    if (y <= 4) {
      double num = C[8] * y;
      double den = y;
      for (int i = 0; i < 7; i++) {
        num = (num + C[i]) * y;
        den = (den + D[i]) * y;
      }
      r = (num + C[7]) / (den + D[7]);
    } else {
      if (y >= UNDERFLOW) {
        return 0;
      }
      double z = 1 / (y * y);
      double num = P[5] * z;
      double den = z;
      for (int i = 0; i < 4; i++) {
        num = (num + P[i]) * z;
        den = (den + Q[i]) * z;
      }
      r = (ONE_OVER_SQRT_PI - z * (num + P[4]) / (den + Q[4])) / y;
    }
    double u = Math.floor(y * 16) / 16;
    return Math.exp(-u * u) * Math.exp(-(y - u) * (y + u)) * r;
  }
}
