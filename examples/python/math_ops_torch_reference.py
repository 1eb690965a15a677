"""PyTorch reference values for MathOpsPyTorchReferenceTest (autodiff, dev.chainrule.autodiff.ops).

For sin, cos, erf, softplus (beta=1, threshold=20), silu and gelu (exact, approximate='none') at finite points
chosen around each op's features (softplus's threshold 20, erf's interval borders 0.46875 and 4, the tails where
sigmoid and erfc underflow), prints y = f(x), f'(x) and f''(x) (double backward) in float64 and float32 as a
Java class body, then, from mpmath, the exact second derivatives at the three points where PyTorch's differ
(softplus'' at exactly 20, where its double backward masks x < 20 but its backward x > 20; silu'' near 20, where
its 1 - sigmoid(x) cancels). The infinities are left out on purpose: there chainrule returns the limits (silu(-inf) = -0,
gradients 1 and 0) where PyTorch computes inf * 0 = NaN; ElementwiseTest checks those by hand.
Run: python3 examples/python/math_ops_torch_reference.py
"""
import textwrap

import mpmath
import torch
import torch.nn.functional as F

X = [-1000.0, -50.0, -27.0, -7.5, -4.0, -3.0, -1.3, -0.46875, -0.4, -0.0, 0.0, 0.2, 0.5, 0.9, 2.5, 4.01, 6.0,
     19.5, 20.0, 20.5, 50.0, 1000.0]
OPS = [("sin", torch.sin), ("cos", torch.cos), ("erf", torch.erf), ("softplus", F.softplus), ("silu", F.silu),
       ("gelu", F.gelu)]


def java(values, indent=10):
    """A Java array literal, wrapped to lines of at most 118 characters."""
    text = "{" + ", ".join(repr(v) for v in values) + "}"
    return textwrap.fill(text, width=118, initial_indent=" " * indent, subsequent_indent=" " * indent,
                         break_on_hyphens=False).strip()


print("  static final double[] X = %s;" % java(X, 6))
for dtype, label in ((torch.float64, "FLOAT64"), (torch.float32, "FLOAT32")):
    print("  static final Map<String, double[][]> %s = Map.of(" % label)
    rows = []
    for name, f in OPS:
        x = torch.tensor(X, dtype=dtype, requires_grad=True)
        y = f(x)
        g, = torch.autograd.grad(y.sum(), x, create_graph=True)
        gg, = torch.autograd.grad(g.sum(), x)
        rows.append('      "%s", new double[][] {\n          %s,\n          %s,\n          %s}'
                    % (name, java(y.tolist()), java(g.tolist()), java(gg.tolist())))
    print(",\n".join(rows) + ");")

mpmath.mp.dps = 40


def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def silu(x):
    return x * sigmoid(x)


exact = [("softplus''(20.0)", sigmoid(20) * (1 - sigmoid(20))),
         ("silu''(19.5)", mpmath.diff(silu, mpmath.mpf(19.5), 2)),
         ("silu''(20.0)", mpmath.diff(silu, mpmath.mpf(20), 2))]
print("  static final Map<String, Double> EXACT_WHERE_PYTORCH_DIFFERS = Map.of(")
print(",\n".join('      "%s", %r' % (k, float(v)) for k, v in exact) + ");")
