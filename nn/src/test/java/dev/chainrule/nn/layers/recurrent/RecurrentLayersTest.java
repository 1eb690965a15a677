package dev.chainrule.nn.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Summary;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Names, shapes, refusals, modes and the summary of the recurrent layers. */
class RecurrentLayersTest {

  private static void assertRefused(Executable call, String... fragments) {
    var e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
    }
  }

  @Test
  void parametersHavePyTorchsNamesShapesAndOrder() {
    LSTM lstm = new LSTM(RecurrentOptions.of(3, 4).withNumLayers(2).withBidirectional(true), new Rng(1));
    List<String> names = List.copyOf(lstm.stateDict().keySet());
    assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse",
        "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse", "weight_ih_l1", "weight_hh_l1",
        "bias_ih_l1", "bias_hh_l1", "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse",
        "bias_hh_l1_reverse"), names);
    assertEquals(Shape.of(16, 3), lstm.stateDict().get("weight_ih_l0").shape());
    assertEquals(Shape.of(16, 8), lstm.stateDict().get("weight_ih_l1_reverse").shape());
    assertEquals(Shape.of(16, 4), lstm.stateDict().get("weight_hh_l1").shape());
    assertEquals(List.of("weight_ih", "weight_hh"),
        List.copyOf(new GRUCell(3, 4, false, new Rng(1)).stateDict().keySet()));
    assertEquals("LSTM(3, 4, num_layers=2, bidirectional=True)", lstm.toString());
    assertEquals("RNNCell(3, 4, bias=False, nonlinearity=relu)",
        new RNNCell(3, 4, false, Nonlinearity.RELU, new Rng(1)).toString());
  }

  @Test
  void initialisationIsUniformWithinOneOverTheRootOfTheHiddenSize() {
    for (Tensor p : new GRU(RecurrentOptions.of(5, 16).withNumLayers(2), new Rng(3)).parameters()) {
      for (double v : p.toDoubleArray()) {
        assertTrue(Math.abs(v) <= 0.25, p.label() + " has " + v);
      }
    }
  }

  @Test
  void shapesFollowTheLayoutAndDirections() {
    Tensor x = Generators.uniform(Shape.of(2, 5, 3), 1, -1, 1);
    LSTM lstm = new LSTM(RecurrentOptions.of(3, 4).withNumLayers(3).withBidirectional(true).withBatchFirst(true),
        new Rng(1));
    LSTM.Output o = lstm.call(x, null);
    assertEquals(Shape.of(2, 5, 8), o.output().shape());
    assertEquals(Shape.of(6, 2, 4), o.state().h().shape());
    assertEquals(Shape.of(6, 2, 4), o.state().c().shape());
    assertArrayEquals(o.output().toDoubleArray(), lstm.call(x).toDoubleArray(), "forward is call from zeros");
    // the forward direction's last output is h_n of the last layer's forward direction
    double[] last = o.output().narrow(1, 4, 1).narrow(2, 0, 4).toDoubleArray();
    assertArrayEquals(o.state().h().narrow(0, 4, 1).toDoubleArray(), last, 0);
    // the backward direction's output at t = 0 is its final state
    double[] first = o.output().narrow(1, 0, 1).narrow(2, 4, 4).toDoubleArray();
    assertArrayEquals(o.state().h().narrow(0, 5, 1).toDoubleArray(), first, 0);
  }

  @Test
  void dropoutActsBetweenLayersInTrainingOnly() {
    Tensor x = Generators.uniform(Shape.of(4, 3, 2), 1, -1, 1);
    GRU gru = new GRU(RecurrentOptions.of(2, 3).withNumLayers(2).withDropout(0.5), new Rng(1));
    double[] train1 = gru.call(x).toDoubleArray();
    double[] train2 = gru.call(x).toDoubleArray();
    assertTrue(!Arrays.equals(train1, train2), "fresh masks per call");
    double[] eval1;
    double[] eval2;
    try (var eval = Module.evaluating()) {
      eval1 = gru.call(x).toDoubleArray();
      eval2 = gru.call(x).toDoubleArray();
    }
    assertArrayEquals(eval1, eval2, 0);
    GRU single = new GRU(RecurrentOptions.of(2, 3).withDropout(0.5), new Rng(1));
    assertArrayEquals(single.call(x).toDoubleArray(), single.call(x).toDoubleArray(), 0, "none after the last");
  }

  @Test
  void refusalsNameTheLayerTheShapesAndWhatWasExpected() {
    LSTM lstm = new LSTM(RecurrentOptions.of(3, 4).withNumLayers(2), new Rng(1));
    assertRefused(() -> lstm.call(Tensor.ones(5, 3)), "LSTM", "(5, 3)", "(T, N, F)", "input_size 3");
    assertRefused(() -> lstm.call(Tensor.ones(5, 2, 7)), "LSTM", "(5, 2, 7)", "input_size 3");
    assertRefused(() -> lstm.call(Tensor.ones(0, 2, 3)), "LSTM", "no time steps");
    Tensor x = Tensor.ones(5, 2, 3);
    assertRefused(() -> lstm.call(x, new LSTM.State(Tensor.zeros(1, 2, 4), Tensor.zeros(2, 2, 4))), "LSTM",
        "h0 of shape (1, 2, 4)", "(2, 2, 4)", "(5, 2, 3)");
    assertRefused(() -> lstm.call(x, new LSTM.State(Tensor.zeros(2, 2, 4), Tensor.zeros(2, 3, 4))), "LSTM",
        "c0 of shape (2, 3, 4)", "(2, 2, 4)");
    GRU gru = new GRU(RecurrentOptions.of(3, 4).withBatchFirst(true).withBidirectional(true), new Rng(1));
    assertRefused(() -> gru.call(Tensor.ones(2, 5, 4), null), "GRU", "(2, 5, 4)", "(N, T, F)");
    assertRefused(() -> gru.call(Tensor.ones(2, 5, 3), Tensor.zeros(1, 2, 4)), "GRU", "h0", "(2, 2, 4)");
    assertRefused(() -> new RNN(3, 4, new Rng(1)).call(Tensor.ones(4)), "RNN", "(4,)");
    LSTMCell cell = new LSTMCell(3, 4, new Rng(1));
    assertRefused(() -> cell.call(Tensor.ones(2, 5)), "LSTMCell", "(2, 5)", "(N, 3)");
    assertRefused(() -> cell.call(Tensor.ones(2, 3), new LSTMCell.State(Tensor.zeros(2, 4), Tensor.zeros(3, 4))),
        "LSTMCell", "c of shape (3, 4)", "(2, 4)");
    assertRefused(() -> new GRUCell(3, 4, new Rng(1)).call(Tensor.ones(2, 3), Tensor.zeros(2, 5)), "GRUCell",
        "h of shape (2, 5)", "(2, 4)");
    assertRefused(() -> RecurrentOptions.of(3, 4).withNumLayers(0), "num_layers", "0");
    assertRefused(() -> RecurrentOptions.of(3, 4).withDropout(1), "dropout", "[0, 1)");
    assertRefused(() -> new RNNCell(0, 4, new Rng(1)), "RNNCell", "input_size 0");
  }

  @Test
  void refusalsInsideAContainerCarryTheModulePath() {
    Sequential model = new Sequential(new LSTM(3, 4, new Rng(1)));
    var e = assertThrows(IllegalArgumentException.class, () -> model.call(Tensor.ones(5, 2, 7)));
    assertTrue(e.getMessage().startsWith("Sequential / 0 (LSTM): input of shape (5, 2, 7)"), e.getMessage());
  }

  /** A container that runs an LSTM through its typed method, so the summary observes a record. */
  private static final class Encoder extends Module {
    private final LSTM lstm;
    private final Linear head;

    Encoder() {
      lstm = registerModule("lstm", new LSTM(RecurrentOptions.of(3, 4).withBatchFirst(true), new Rng(1)));
      head = registerModule("head", new Linear(4, 2, new Rng(2)));
    }

    @Override
    public Tensor forward(Tensor x) {
      return head.call(lstm.call(x, null).state().h().squeeze(0));
    }
  }

  @Test
  void theSummaryShowsEveryTensorOfARecordOutput() {
    Summary s = new Encoder().summary(2, 5, 3);
    Summary.Row lstm = s.rows().get(0);
    assertEquals(Shape.of(2, 5, 4), lstm.outputShape());
    assertEquals("(2, 5, 4), h (1, 2, 4), c (1, 2, 4)", lstm.outputs());
    assertEquals("(2, 2)", s.rows().get(1).outputs());
    assertTrue(s.toString().contains("(2, 5, 4), h (1, 2, 4), c (1, 2, 4)"), s.toString());
  }
}
