package dev.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorFunction} against erf and erfc to 50 digits (mpmath, examples/python/erf_reference_values.py), at
 * points in each of Cody's three intervals, at their borders 0.46875 and 4, and deep in erfc's tail; and its
 * identities and special values.
 */
class ErrorFunctionTest {
  /** A few ulp: a float64-grade erf, as a float64 gradient check of anything built on it needs. */
  private static final double REL = 1e-15;

  /** {x, erf x, erfc x}, each the double nearest the exact value. */
  private static final double[][] REFERENCE = {
      {1e-300, 1.1283791670955126e-300, 1.0},
      {-1e-300, -1.1283791670955126e-300, 1.0},
      {1e-10, 1.1283791670955126e-10, 0.999999999887162},
      {-1e-10, -1.1283791670955126e-10, 1.000000000112838},
      {0.1, 0.1124629160182849, 0.887537083981715},
      {-0.1, -0.1124629160182849, 1.1124629160182848},
      {0.25, 0.27632639016823696, 0.7236736098317631},
      {-0.25, -0.27632639016823696, 1.276326390168237},
      {0.46875, 0.49261347321793797, 0.507386526782062},
      {-0.46875, -0.49261347321793797, 1.492613473217938},
      {0.46876, 0.4926225311068465, 0.5073774688931535},
      {-0.46876, -0.4926225311068465, 1.4926225311068466},
      {0.5, 0.5204998778130465, 0.4795001221869535},
      {-0.5, -0.5204998778130465, 1.5204998778130465},
      {0.75, 0.7111556336535151, 0.28884436634648486},
      {-0.75, -0.7111556336535151, 1.7111556336535152},
      {1.0, 0.8427007929497149, 0.15729920705028513},
      {-1.0, -0.8427007929497149, 1.8427007929497148},
      {1.25, 0.9229001282564583, 0.07709987174354177},
      {-1.25, -0.9229001282564583, 1.9229001282564582},
      {1.5, 0.9661051464753108, 0.033894853524689274},
      {-1.5, -0.9661051464753108, 1.9661051464753108},
      {2.0, 0.9953222650189527, 0.004677734981047266},
      {-2.0, -0.9953222650189527, 1.9953222650189528},
      {2.5, 0.999593047982555, 0.0004069520174449589},
      {-2.5, -0.999593047982555, 1.999593047982555},
      {3.0, 0.9999779095030014, 2.209049699858544e-05},
      {-3.0, -0.9999779095030014, 1.9999779095030015},
      {3.5, 0.9999992569016276, 7.430983723414128e-07},
      {-3.5, -0.9999992569016276, 1.9999992569016276},
      {3.99, 0.9999999832607886, 1.6739211364520814e-08},
      {-3.99, -0.9999999832607886, 1.9999999832607886},
      {4.0, 0.9999999845827421, 1.541725790028002e-08},
      {-4.0, -0.9999999845827421, 1.999999984582742},
      {4.01, 0.9999999858030606, 1.4196939421371052e-08},
      {-4.01, -0.9999999858030606, 1.9999999858030606},
      {4.5, 0.9999999998033839, 1.9661604415428876e-10},
      {-4.5, -0.9999999998033839, 1.999999999803384},
      {5.0, 0.9999999999984626, 1.537459794428035e-12},
      {-5.0, -0.9999999999984626, 1.9999999999984626},
      {6.0, 1.0, 2.1519736712498913e-17},
      {-6.0, -1.0, 2.0},
      {7.5, 1.0, 2.776649386030569e-26},
      {-7.5, -1.0, 2.0},
      {10.0, 1.0, 2.088487583762545e-45},
      {-10.0, -1.0, 2.0},
      {15.0, 1.0, 7.212994172451207e-100},
      {-15.0, -1.0, 2.0},
      {20.0, 1.0, 5.395865611607901e-176},
      {-20.0, -1.0, 2.0},
      {25.0, 1.0, 8.300172571196523e-274},
      {-25.0, -1.0, 2.0},
      {26.5, 1.0, 2.2109076642637343e-307},
      {-26.5, -1.0, 2.0}
  };

  @Test
  void erfAndErfcMatchHighPrecisionValues() {
    for (double[] r : REFERENCE) {
      assertClose(r[1], ErrorFunction.erf(r[0]), "erf(" + r[0] + ")");
      assertClose(r[2], ErrorFunction.erfc(r[0]), "erfc(" + r[0] + ")");
    }
  }

  @Test
  void specialValues() {
    assertTrue(Double.isNaN(ErrorFunction.erf(Double.NaN)));
    assertTrue(Double.isNaN(ErrorFunction.erfc(Double.NaN)));
    assertEquals(1.0, ErrorFunction.erf(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, ErrorFunction.erf(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, ErrorFunction.erfc(Double.POSITIVE_INFINITY));
    assertEquals(2.0, ErrorFunction.erfc(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, ErrorFunction.erfc(26.6)); // below the smallest subnormal
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ErrorFunction.erf(-0.0)));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(ErrorFunction.erf(0.0)));
    assertEquals(1.0, ErrorFunction.erfc(0.0));
  }

  @Property(tries = 300)
  void erfIsOddAndErfcItsComplement(@ForAll @DoubleRange(min = -8, max = 8) double x) {
    assertEquals(-ErrorFunction.erf(x), ErrorFunction.erf(-x), 0.0, "erf(-x) = -erf(x)");
    assertEquals(1.0, ErrorFunction.erf(x) + ErrorFunction.erfc(x), 4 * Math.ulp(1.0), "erf + erfc = 1");
    assertEquals(2.0, ErrorFunction.erfc(x) + ErrorFunction.erfc(-x), 4 * Math.ulp(2.0), "erfc(x) + erfc(-x) = 2");
  }

  /**
   * erf increases and erfc decreases, also across the borders 0.46875 and 4 of the intervals, where a wrong
   * coefficient would show as a step: over relative steps of 1e-9, far above the ulp-sized wobble of any
   * approximation that is not correctly rounded.
   */
  @Property(tries = 300)
  void erfIncreasesAndErfcDecreases(@ForAll @DoubleRange(min = -3, max = 3) double x,
      @ForAll @DoubleRange(min = 0.3, max = 26) double t) {
    double h = 1e-9;
    assertTrue(ErrorFunction.erf(x) < ErrorFunction.erf(x + h), () -> "erf(" + x + ") >= erf(" + (x + h) + ")");
    double next = t * (1 + h);
    assertTrue(ErrorFunction.erfc(t) > ErrorFunction.erfc(next), () -> "erfc(" + t + ") <= erfc(" + next + ")");
    for (double b : new double[] {0.46875, 4}) {
      double below = ErrorFunction.erfc(b * (1 - h));
      double above = ErrorFunction.erfc(b * (1 + h));
      assertTrue(below > ErrorFunction.erfc(b) && ErrorFunction.erfc(b) > above, "erfc around " + b);
      assertTrue(ErrorFunction.erf(-b * (1 - h)) > ErrorFunction.erf(-b * (1 + h)), "erf around " + -b);
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= REL * Math.abs(expected),
        () -> what + ": expected " + expected + " got " + actual + " (" + Math.abs(expected - actual)
            / Math.abs(expected) + " relative)");
  }
}
