package dev.chainrule.nn.layers.recurrent;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sequence layers share: PyTorch's parameters per layer {@code l} and direction ({@code weight_ih_l0},
 * {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0}, then the same with {@code _reverse} when
 * bidirectional, then layer 1, ...), all uniform in {@code [-1/sqrt(H), 1/sqrt(H))} in that order from the
 * caller's {@link Rng}, and the loop over layers, directions and time steps around one cell kind's step.
 *
 * <p>Per layer and direction, the input's share of the gates of every step is one product
 * {@code X W_ih^T + b}, {@code X} the layer's input sequence as a {@code (T N, F)} matrix and {@code b} the
 * biases the step lets fold in; the time loop then does only the step itself. The backward direction walks
 * {@code t = T-1 .. 0} and writes its output at {@code t}, so both directions' outputs line up in time. Between
 * layers, in training, inverted dropout with the options' probability, its masks drawn from the same
 * {@link Rng} after the initialisation.
 */
abstract class RecurrentLayer extends Module {
  /** An output sequence {@code (T, N, D H)} or batch-first, and the final states {@code (L D, N, H)} in order. */
  record Run(Tensor output, List<Tensor> states) {}

  private final String name;
  private final RecurrentOptions options;
  private final int gates;
  private final Rng rng;

  RecurrentLayer(String name, RecurrentOptions options, int gates, Rng rng) {
    this.name = name;
    this.options = checkNotNull(options, "%s: options must not be null", name);
    this.rng = checkNotNull(rng, "%s: rng must not be null", name);
    this.gates = gates;
    int hidden = options.hiddenSize();
    double bound = 1 / Math.sqrt(hidden);
    for (int l = 0; l < options.numLayers(); l++) {
      int in = l == 0 ? options.inputSize() : options.directions() * hidden;
      for (int d = 0; d < options.directions(); d++) {
        String suffix = suffix(l, d);
        registerParameter("weight_ih" + suffix, Init.uniform(Tensor.zeros(gates * hidden, in), -bound, bound, rng));
        registerParameter("weight_hh" + suffix,
            Init.uniform(Tensor.zeros(gates * hidden, hidden), -bound, bound, rng));
        if (options.bias()) {
          registerParameter("bias_ih" + suffix, Init.uniform(Tensor.zeros(gates * hidden), -bound, bound, rng));
          registerParameter("bias_hh" + suffix, Init.uniform(Tensor.zeros(gates * hidden), -bound, bound, rng));
        }
      }
    }
  }

  /** {@code _l0}, {@code _l0_reverse}, {@code _l1}, ...: PyTorch's parameter-name suffix. */
  private static String suffix(int layer, int direction) {
    return "_l" + layer + (direction == 1 ? "_reverse" : "");
  }

  /** The names of the state tensors, {@code h} or {@code h, c}; their initial values are named {@code h0, c0}. */
  abstract List<String> stateNames();

  /** Whether the step adds {@code b_hh} itself (GRU) rather than taking it folded into the input gates. */
  abstract boolean addsRecurrentBias();

  /**
   * One time step: the state after {@code state} (each {@code (N, H)}, in {@link #stateNames} order) given the
   * input gates {@code xg (N, G H)}; {@code bhh} is {@code null} unless {@link #addsRecurrentBias} and there is a
   * bias. The hidden state comes first.
   */
  abstract List<Tensor> step(Tensor xg, List<Tensor> state, Tensor whh, Tensor bhh);

  /**
   * The layer over {@code input}, from {@code initial} (each {@code (L D, N, H)}, in {@link #stateNames} order)
   * or zeros when it is {@code null}.
   */
  final Run run(Tensor input, List<Tensor> initial) {
    checkInput(input);
    Tensor x = options.batchFirst() ? input.transpose(0, 1) : input;
    int steps = x.shape().dim(0);
    int batch = x.shape().dim(1);
    int hidden = options.hiddenSize();
    int directions = options.directions();
    List<String> names = stateNames();
    if (initial != null) {
      for (int i = 0; i < names.size(); i++) {
        checkInitial(names.get(i) + "0", initial.get(i), input, batch);
      }
    }
    List<List<Tensor>> finals = new ArrayList<>();
    names.forEach(n -> finals.add(new ArrayList<>()));
    for (int l = 0; l < options.numLayers(); l++) {
      Tensor[] outputs = new Tensor[directions];
      for (int d = 0; d < directions; d++) {
        String suffix = suffix(l, d);
        Tensor whh = parameter("weight_hh" + suffix);
        Tensor bih = options.bias() ? parameter("bias_ih" + suffix) : null;
        Tensor bhh = options.bias() ? parameter("bias_hh" + suffix) : null;
        Tensor xg = Steps.project(x.reshape(steps * batch, x.shape().dim(2)), parameter("weight_ih" + suffix));
        if (bih != null) {
          xg = xg.add(addsRecurrentBias() ? bih : bih.add(bhh));
        }
        xg = xg.reshape(steps, batch, gates * hidden);
        List<Tensor> state = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          state.add(initial == null ? Tensor.zeros(x.dtype(), batch, hidden)
              : initial.get(i).narrow(0, l * directions + d, 1).squeeze(0));
        }
        Tensor[] hs = new Tensor[steps];
        for (int s = 0; s < steps; s++) {
          int t = d == 0 ? s : steps - 1 - s;
          state = step(xg.narrow(0, t, 1).squeeze(0), state, whh, addsRecurrentBias() ? bhh : null);
          hs[t] = state.get(0);
        }
        outputs[d] = Tensor.stack(0, hs);
        for (int i = 0; i < names.size(); i++) {
          finals.get(i).add(state.get(i));
        }
      }
      x = directions == 1 ? outputs[0] : Tensor.concat(2, outputs);
      if (l < options.numLayers() - 1 && options.dropout() > 0 && isTraining()) {
        double p = options.dropout();
        x = x.mul(Tensor.rand(rng, x.shape().dims()).ge(p).to(x.dtype()).mul(1 / (1 - p)));
      }
    }
    List<Tensor> states = new ArrayList<>();
    finals.forEach(f -> states.add(Tensor.stack(0, f.toArray(Tensor[]::new))));
    return new Run(options.batchFirst() ? x.transpose(0, 1) : x, states);
  }

  private void checkInput(Tensor input) {
    String layout = options.batchFirst() ? "(N, T, F)" : "(T, N, F)";
    checkArgument(input.rank() == 3 && input.shape().dim(2) == options.inputSize(), "%s: input of shape %s must"
        + " be %s with F = input_size %s (%s)", name, input.shape(), layout, options.inputSize(),
        options.batchFirst() ? "batch, time, features" : "time, batch, features");
    checkArgument(input.shape().dim(options.batchFirst() ? 1 : 0) > 0, "%s: input of shape %s has no time steps",
        name, input.shape());
  }

  private void checkInitial(String what, Tensor state, Tensor input, int batch) {
    int layers = options.numLayers() * options.directions();
    checkArgument(state.rank() == 3 && state.shape().dim(0) == layers && state.shape().dim(1) == batch
        && state.shape().dim(2) == options.hiddenSize(), "%s: %s of shape %s must be (num_layers * directions, N,"
        + " hidden_size) = (%s, %s, %s) for the input of shape %s", name, what, state.shape(), layers, batch,
        options.hiddenSize(), input.shape());
  }

  public final RecurrentOptions options() {
    return options;
  }

  @Override
  protected String extraRepr() {
    return options.repr();
  }
}
