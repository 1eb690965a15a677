"""Reference values of erf and erfc for ErrorFunctionTest, from mpmath at 50 significant digits.

Prints Java rows {x, erf(x), erfc(x)}, each value the double nearest the exact one (repr of float(mpf)).
Run: python3 examples/python/erf_reference_values.py
"""
import mpmath

mpmath.mp.dps = 50
points = [1e-300, 1e-10, 0.1, 0.25, 0.46875, 0.46876, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 3.5, 3.99, 4.0,
          4.01, 4.5, 5.0, 6.0, 7.5, 10.0, 15.0, 20.0, 25.0, 26.5]
for p in points:
    x = mpmath.mpf(p)
    for s in (1, -1):
        v = s * x
        print("      {%r, %r, %r}," % (float(v), float(mpmath.erf(v)), float(mpmath.erfc(v))))
