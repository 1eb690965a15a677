package dev.chainrule.nn.layers.recurrent;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.MatMul;

/**
 * One time step of each cell kind, shared by the cells and the sequence layers, given the input's share of the
 * gate pre-activations {@code xg = x W_ih^T + b_ih} (a sequence layer computes it for all steps at once and may
 * have added {@code b_hh} already, then passing {@code bhh = null}). Gate {@code k} of {@code G} is columns
 * {@code [k H, (k + 1) H)} of a {@code (N, G H)} pre-activation. The gates are cut with one {@code chunk} on the
 * last axis, whose backward joins the gates' gradients in one concatenation; a {@code narrow} per gate would pad
 * each gate's gradient to the whole {@code (N, G H)} with zeros and add the {@code G} padded copies.
 */
final class Steps {
  private Steps() {}

  /** {@code rows W^T} for {@code rows (M, K)} and a PyTorch-laid-out weight {@code (out, K)}, no transpose copied. */
  static Tensor project(Tensor rows, Tensor weight) {
    return new MatMul(false, true).apply(rows, weight);
  }

  /** The {@code G} gates, each {@code (N, H)}, of the pre-activation {@code a (N, G H)}. */
  static Tensor[] gates(Tensor a, int count) {
    return a.chunk(count, -1);
  }

  /** {@code h W_hh^T + b_hh}, the bias left out when {@code null}. */
  static Tensor recurrent(Tensor h, Tensor whh, Tensor bhh) {
    Tensor r = project(h, whh);
    return bhh == null ? r : r.add(bhh);
  }

  /** Elman: {@code h' = act(xg + h W_hh^T + b_hh)}. */
  static Tensor rnn(Tensor xg, Tensor h, Tensor whh, Tensor bhh, Nonlinearity act) {
    return act.apply(xg.add(recurrent(h, whh, bhh)));
  }

  /**
   * LSTM: with {@code a = xg + h W_hh^T + b_hh} split into {@code i, f, g, o}: {@code c' = sigmoid(f) * c +
   * sigmoid(i) * tanh(g)}, {@code h' = sigmoid(o) * tanh(c')}; returns {@code {h', c'}}.
   */
  static Tensor[] lstm(Tensor xg, Tensor h, Tensor c, Tensor whh, Tensor bhh) {
    Tensor[] a = gates(xg.add(recurrent(h, whh, bhh)), 4);
    Tensor i = a[0].sigmoid();
    Tensor f = a[1].sigmoid();
    Tensor g = a[2].tanh();
    Tensor o = a[3].sigmoid();
    Tensor next = f.mul(c).add(i.mul(g));
    return new Tensor[] {o.mul(next.tanh()), next};
  }

  /**
   * GRU: with {@code hg = h W_hh^T + b_hh}, both split into {@code r, z, n}: {@code r = sigmoid(xg_r + hg_r)},
   * {@code z = sigmoid(xg_z + hg_z)}, {@code n = tanh(xg_n + r * hg_n)}, {@code h' = (1 - z) * n + z * h}
   * (computed as {@code n + z * (h - n)}). {@code b_hh} cannot be folded into {@code xg}: its {@code n} part is
   * scaled by {@code r}.
   */
  static Tensor gru(Tensor xg, Tensor h, Tensor whh, Tensor bhh) {
    Tensor[] xs = gates(xg, 3);
    Tensor[] hs = gates(recurrent(h, whh, bhh), 3);
    Tensor r = xs[0].add(hs[0]).sigmoid();
    Tensor z = xs[1].add(hs[1]).sigmoid();
    Tensor n = xs[2].add(r.mul(hs[2])).tanh();
    return n.add(z.mul(h.sub(n)));
  }
}
