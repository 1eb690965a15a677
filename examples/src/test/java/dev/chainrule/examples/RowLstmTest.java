package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.recurrent.LSTM;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.optim.Adam;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The row classifier's shapes, names, what it reads from the LSTM, and that it learns to remember. */
class RowLstmTest {

  private static Tensor random(Rng rng, int... shape) {
    int size = 1;
    for (int n : shape) {
      size *= n;
    }
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = rng.nextGaussian();
    }
    return Tensor.of(values, shape);
  }

  /** The logits are the head applied to the LSTM's output at the last step, one row per sequence. */
  @Property(tries = 10)
  void theLogitsAreTheHeadOnTheLastStepsOutput(@ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll @IntRange(min = 1, max = 7) int steps, @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 6) int classes, @ForAll long seed) {
    RowLstm model = new RowLstm(features, 3, classes, new Rng(seed));
    Tensor x = random(new Rng(seed + 1), batch, steps, features);
    Tensor logits = model.call(x);
    assertArrayEquals(new int[] {batch, classes}, logits.shape().dims());
    Tensor lastOutput = ((LSTM) model.namedChildren().get("lstm")).call(x).select(1, steps - 1);
    double[] expected = ((Linear) model.namedChildren().get("head")).call(lastOutput).toDoubleArray();
    double[] actual = logits.toDoubleArray();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-6);
    }
  }

  /** An image row of pixels is read as its rows: the network on flat rows equals RowLstm on the (N, H, W) images. */
  @Test
  void imageRowsReadsEachImageRowByRow() {
    Sequential network = RowLstm.imageRows(4, 3, 5, 2, new Rng(3));
    Tensor flat = random(new Rng(4), 6, 12);
    Tensor logits = network.call(flat);
    assertArrayEquals(new int[] {6, 2}, logits.shape().dims());
    assertArrayEquals(network.get(1).call(flat.reshape(6, 4, 3)).toDoubleArray(), logits.toDoubleArray(), 0);
    assertEquals(3, ((LSTM) network.get(1).namedChildren().get("lstm")).namedParameters().get("weight_ih_l0")
        .shape().dim(1), "each step takes one row of 3 pixels");
  }

  @Test
  void parameterCountAndNamesMatchTheLayers() {
    Module model = new RowLstm(28, 128, 10, new Rng(1));
    assertEquals(model.parameters().stream().mapToLong(Tensor::size).sum(), RowLstm.parameterCount(28, 128, 10));
    assertEquals(List.of("lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
        "head.weight", "head.bias"), List.copyOf(model.namedParameters().keySet()));
  }

  @Test
  void anInputThatIsNotABatchOfSequencesIsRefusedNamingItsShape() {
    RowLstm model = new RowLstm(3, 4, 2, new Rng(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.call(Tensor.of(
        new double[6], 2, 3)));
    assertTrue(e.getMessage().contains("RowLstm: input of shape (2, 3) must be (N, T, F)"), e.getMessage());
  }

  /**
   * The class of a sequence is the sign of its first step's first feature, with noise after it: only a network that
   * carries the first step through the whole sequence can tell (chance is 50%).
   */
  @Test
  void itLearnsToRememberTheFirstStepOfASequence() {
    int n = 64;
    int steps = 6;
    Rng rng = new Rng(11);
    Tensor x = random(rng, n, steps, 2);
    long[] labels = new long[n];
    double[] first = x.toDoubleArray();
    for (int i = 0; i < n; i++) {
      labels[i] = first[i * steps * 2] > 0 ? 1 : 0;
    }
    Tensor y = Tensor.of(labels, n);
    RowLstm model = new RowLstm(2, 8, 2, new Rng(12));
    Adam adam = new Adam(model.parameters(), 0.03);
    CrossEntropyLoss loss = new CrossEntropyLoss();
    for (int step = 0; step < 150; step++) {
      adam.zeroGrad();
      loss.apply(model.call(x), y).backward();
      adam.step();
    }
    long[] predicted = model.call(x).argmax(1).toLongArray();
    int correct = 0;
    for (int i = 0; i < n; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    assertTrue(correct >= 60, correct + " of " + n + " right");
  }
}
