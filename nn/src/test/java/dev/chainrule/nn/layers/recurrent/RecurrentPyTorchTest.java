package dev.chainrule.nn.layers.recurrent;

import static dev.chainrule.nn.Tensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.nn.Module;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recurrent layers against PyTorch 1.13: {@code examples/python/recurrent_reference.py} built seeded float64
 * torch modules (RNN tanh, LSTM batch-first, GRU, each with 2 layers and bidirectional; a one-layer relu RNN
 * without bias; the three cells) and wrote their state dicts, an input, an initial state, the outputs and the
 * final states into {@code recurrent_reference.safetensors}. Each test loads the state dict strictly, so the
 * parameter names, shapes and order must be PyTorch's, and reproduces the outputs: with the layer's FLOAT32
 * parameters to float32 rounding, and with the same values substituted as FLOAT64 to float64 rounding.
 */
class RecurrentPyTorchTest {
  private static final double FLOAT32_TOLERANCE = 2e-6;
  private static final double FLOAT64_TOLERANCE = 1e-12;
  private static final Set<String> DATA = Set.of("input", "h0", "c0", "output", "h_n", "c_n");
  private static Map<String, Tensor> reference;

  @BeforeAll
  static void load() throws Exception {
    reference = SafeTensors.load(
        Path.of(RecurrentPyTorchTest.class.getResource("recurrent_reference.safetensors").toURI()));
  }

  private static Tensor ref(String name) {
    Tensor t = reference.get(name);
    assertEquals(true, t != null, "the reference has " + name);
    return t;
  }

  /** The state dict of case {@code prefix}, PyTorch's names without the prefix. */
  private static Map<String, Tensor> stateDict(String prefix) {
    Map<String, Tensor> state = new LinkedHashMap<>();
    reference.forEach((name, t) -> {
      if (name.startsWith(prefix + ".") && !DATA.contains(name.substring(prefix.length() + 1))) {
        state.put(name.substring(prefix.length() + 1), t);
      }
    });
    return state;
  }

  /**
   * Loads case {@code prefix} into {@code module} strictly and returns {@code run}'s result twice: with the
   * module's FLOAT32 parameters and with PyTorch's FLOAT64 values substituted.
   */
  private static <R> Object[] runBoth(String prefix, Module module, Supplier<R> run) {
    Map<String, Tensor> state = stateDict(prefix);
    assertEquals(module.stateDict().keySet().stream().toList(), state.keySet().stream().toList(),
        "PyTorch's parameter names in PyTorch's order");
    module.loadStateDict(state);
    R single = run.get();
    R dbl = module.forwardWith(state, run);
    return new Object[] {single, dbl};
  }

  private static void assertClose(String name, Tensor actual, double tolerance) {
    Tensor expected = ref(name);
    assertValues(expected.toDoubleArray(), expected.shape().dims(), actual, tolerance);
  }

  @Test
  void stackedBidirectionalTanhRnnMatchesPyTorch() {
    RNN rnn = new RNN(RecurrentOptions.of(3, 4).withNumLayers(2).withBidirectional(true), Nonlinearity.TANH,
        new Rng(1));
    Object[] out = runBoth("rnn", rnn, () -> rnn.call(ref("rnn.input"), ref("rnn.h0")));
    double[] tolerances = {FLOAT32_TOLERANCE, FLOAT64_TOLERANCE};
    for (int i = 0; i < 2; i++) {
      RNN.Output o = (RNN.Output) out[i];
      assertClose("rnn.output", o.output(), tolerances[i]);
      assertClose("rnn.h_n", o.hN(), tolerances[i]);
    }
  }

  @Test
  void stackedBidirectionalBatchFirstLstmMatchesPyTorch() {
    LSTM lstm = new LSTM(RecurrentOptions.of(3, 4).withNumLayers(2).withBidirectional(true).withBatchFirst(true),
        new Rng(1));
    Object[] out = runBoth("lstm", lstm,
        () -> lstm.call(ref("lstm.input"), new LSTM.State(ref("lstm.h0"), ref("lstm.c0"))));
    double[] tolerances = {FLOAT32_TOLERANCE, FLOAT64_TOLERANCE};
    for (int i = 0; i < 2; i++) {
      LSTM.Output o = (LSTM.Output) out[i];
      assertClose("lstm.output", o.output(), tolerances[i]);
      assertClose("lstm.h_n", o.state().h(), tolerances[i]);
      assertClose("lstm.c_n", o.state().c(), tolerances[i]);
    }
  }

  @Test
  void stackedBidirectionalGruMatchesPyTorch() {
    GRU gru = new GRU(RecurrentOptions.of(3, 4).withNumLayers(2).withBidirectional(true), new Rng(1));
    Object[] out = runBoth("gru", gru, () -> gru.call(ref("gru.input"), ref("gru.h0")));
    double[] tolerances = {FLOAT32_TOLERANCE, FLOAT64_TOLERANCE};
    for (int i = 0; i < 2; i++) {
      GRU.Output o = (GRU.Output) out[i];
      assertClose("gru.output", o.output(), tolerances[i]);
      assertClose("gru.h_n", o.hN(), tolerances[i]);
    }
  }

  @Test
  void reluRnnWithoutBiasMatchesPyTorch() {
    RNN rnn = new RNN(RecurrentOptions.of(3, 4).withBias(false), Nonlinearity.RELU, new Rng(1));
    Object[] out = runBoth("rnn_relu", rnn, () -> rnn.call(ref("rnn_relu.input"), ref("rnn_relu.h0")));
    double[] tolerances = {FLOAT32_TOLERANCE, FLOAT64_TOLERANCE};
    for (int i = 0; i < 2; i++) {
      RNN.Output o = (RNN.Output) out[i];
      assertClose("rnn_relu.output", o.output(), tolerances[i]);
      assertClose("rnn_relu.h_n", o.hN(), tolerances[i]);
    }
  }

  @Test
  void cellsMatchPyTorch() {
    double[] tolerances = {FLOAT32_TOLERANCE, FLOAT64_TOLERANCE};
    RNNCell rnn = new RNNCell(3, 4, true, Nonlinearity.RELU, new Rng(1));
    Object[] out = runBoth("rnn_cell", rnn, () -> rnn.call(ref("rnn_cell.input"), ref("rnn_cell.h0")));
    for (int i = 0; i < 2; i++) {
      assertClose("rnn_cell.output", (Tensor) out[i], tolerances[i]);
    }
    GRUCell gru = new GRUCell(3, 4, new Rng(1));
    out = runBoth("gru_cell", gru, () -> gru.call(ref("gru_cell.input"), ref("gru_cell.h0")));
    for (int i = 0; i < 2; i++) {
      assertClose("gru_cell.output", (Tensor) out[i], tolerances[i]);
    }
    LSTMCell lstm = new LSTMCell(3, 4, new Rng(1));
    out = runBoth("lstm_cell", lstm,
        () -> lstm.call(ref("lstm_cell.input"), new LSTMCell.State(ref("lstm_cell.h0"), ref("lstm_cell.c0"))));
    for (int i = 0; i < 2; i++) {
      LSTMCell.State s = (LSTMCell.State) out[i];
      assertClose("lstm_cell.output", s.h(), tolerances[i]);
      assertClose("lstm_cell.c_n", s.c(), tolerances[i]);
    }
  }
}
