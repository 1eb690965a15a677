package dev.chainrule.nn.layers.attention;

import dev.chainrule.autodiff.Tensor;

/**
 * PyTorch's tanh-approximated GELU, {@code F.gelu(x, approximate="tanh")}, which the encoder layer's PyTorch
 * reference was computed with: {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}. Test-only; the library's
 * {@link Tensor#gelu} is the exact erf form.
 */
final class GeluTanh {
  private GeluTanh() {}

  static Tensor apply(Tensor x) {
    Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(inner.tanh().add(1)).mul(0.5);
  }
}
