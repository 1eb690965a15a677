package dev.chainrule.nn.layers.attention;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/**
 * Test-only stand-ins until LayerNorm and gelu land on main: a minimal layer norm over the last axis with PyTorch's
 * {@code weight} and {@code bias} ({@code (x - mean) / sqrt(var + eps) * weight + bias}, biased variance), and
 * PyTorch's tanh-approximated GELU.
 */
final class TestNorms {
  private TestNorms() {}

  static final class LayerNorm extends Module {
    LayerNorm(int size) {
      registerParameter("weight", Tensor.ones(size));
      registerParameter("bias", Tensor.zeros(size));
    }

    @Override
    public Tensor forward(Tensor x) {
      Tensor centred = x.sub(x.mean(new int[] {-1}, true));
      Tensor var = centred.square().mean(new int[] {-1}, true);
      return centred.div(var.add(1e-5).sqrt()).mul(parameter("weight")).add(parameter("bias"));
    }
  }

  /** {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}. */
  static Tensor geluTanh(Tensor x) {
    Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(inner.tanh().add(1)).mul(0.5);
  }
}
