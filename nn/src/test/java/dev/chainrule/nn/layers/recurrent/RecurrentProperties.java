package dev.chainrule.nn.layers.recurrent;

import static dev.chainrule.nn.Tensors.float64Leaf;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Gradients of the cells and sequence layers over random small sizes and options, with the input, the initial
 * state and every parameter as FLOAT64 GradCheck inputs; the checked function concatenates every output
 * (sequence and final states), so each gradient path is covered.
 */
class RecurrentProperties {

  /**
   * GradCheck of {@code f(data, module)} over the FLOAT64 leaves {@code data} followed by the module's parameters,
   * substituted by name through {@code forwardWith}.
   */
  private static void check(Module module, List<Tensor> data, Function<Tensor[], Tensor> f) {
    List<String> names = new ArrayList<>(module.namedParameters().keySet());
    List<Tensor> inputs = new ArrayList<>(data);
    module.namedParameters().values().forEach(p -> inputs.add(float64Leaf(p)));
    int k = data.size();
    GradCheck.check(t -> {
      Map<String, Tensor> replacements = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        replacements.put(names.get(i), t[k + i]);
      }
      return module.forwardWith(replacements, () -> f.apply(t));
    }, inputs.toArray(Tensor[]::new));
  }

  private static Tensor leaf(long seed, int... shape) {
    return float64Leaf(Generators.uniform(Shape.of(shape), seed, -1, 1));
  }

  private static Tensor joined(Tensor... parts) {
    Tensor[] flat = new Tensor[parts.length];
    for (int i = 0; i < parts.length; i++) {
      flat[i] = parts[i].flatten();
    }
    return Tensor.concat(0, flat);
  }

  @Property(tries = 10)
  void cellsGradientCheck(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int in,
      @ForAll @IntRange(min = 1, max = 3) int hidden, @ForAll boolean bias, @ForAll long seed) {
    Tensor x = leaf(seed, n, in);
    Tensor h = leaf(seed + 1, n, hidden);
    Tensor c = leaf(seed + 2, n, hidden);
    RNNCell rnn = new RNNCell(in, hidden, bias, Nonlinearity.TANH, new Rng(seed));
    check(rnn, List.of(x, h), t -> rnn.call(t[0], t[1]));
    GRUCell gru = new GRUCell(in, hidden, bias, new Rng(seed));
    check(gru, List.of(x, h), t -> gru.call(t[0], t[1]));
    LSTMCell lstm = new LSTMCell(in, hidden, bias, new Rng(seed));
    check(lstm, List.of(x, h, c), t -> {
      LSTMCell.State s = lstm.call(t[0], new LSTMCell.State(t[1], t[2]));
      return joined(s.h(), s.c());
    });
  }

  @Property(tries = 10)
  void sequenceLayersGradientCheck(@ForAll @IntRange(min = 1, max = 3) int steps,
      @ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 3) int in,
      @ForAll @IntRange(min = 1, max = 2) int hidden, @ForAll @IntRange(min = 1, max = 2) int layers,
      @ForAll boolean bidirectional, @ForAll boolean batchFirst, @ForAll boolean bias, @ForAll long seed) {
    RecurrentOptions options = RecurrentOptions.of(in, hidden).withNumLayers(layers)
        .withBidirectional(bidirectional).withBatchFirst(batchFirst).withBias(bias);
    int states = layers * options.directions();
    Tensor x = batchFirst ? leaf(seed, n, steps, in) : leaf(seed, steps, n, in);
    Tensor h0 = leaf(seed + 1, states, n, hidden);
    Tensor c0 = leaf(seed + 2, states, n, hidden);
    RNN rnn = new RNN(options, Nonlinearity.TANH, new Rng(seed));
    check(rnn, List.of(x, h0), t -> {
      RNN.Output o = rnn.call(t[0], t[1]);
      return joined(o.output(), o.hN());
    });
    GRU gru = new GRU(options, new Rng(seed));
    check(gru, List.of(x, h0), t -> {
      GRU.Output o = gru.call(t[0], t[1]);
      return joined(o.output(), o.hN());
    });
    LSTM lstm = new LSTM(options, new Rng(seed));
    check(lstm, List.of(x, h0, c0), t -> {
      LSTM.Output o = lstm.call(t[0], new LSTM.State(t[1], t[2]));
      return joined(o.output(), o.state().h(), o.state().c());
    });
  }

  /**
   * Backpropagation through 60 steps in FLOAT64: the gradient of the last output with respect to the first input
   * and to the recurrent weights, through the whole chain of states.
   */
  @Property(tries = 3)
  void backpropagationThroughTimeOverSixtyStepsGradientChecks(@ForAll long seed) {
    int steps = 60;
    RecurrentOptions options = RecurrentOptions.of(2, 2);
    Tensor x = leaf(seed, steps, 1, 2);
    Tensor h0 = leaf(seed + 1, 1, 1, 2);
    Tensor c0 = leaf(seed + 2, 1, 1, 2);
    LSTM lstm = new LSTM(options, new Rng(seed));
    check(lstm, List.of(x, h0, c0), t -> {
      LSTM.Output o = lstm.call(t[0], new LSTM.State(t[1], t[2]));
      return joined(o.output().narrow(0, steps - 1, 1), o.state().c());
    });
    GRU gru = new GRU(options, new Rng(seed));
    check(gru, List.of(x, h0), t -> gru.call(t[0], t[1]).output().narrow(0, steps - 1, 1));
    RNN rnn = new RNN(options, Nonlinearity.TANH, new Rng(seed));
    check(rnn, List.of(x, h0), t -> rnn.call(t[0], t[1]).output().narrow(0, steps - 1, 1));
  }
}
