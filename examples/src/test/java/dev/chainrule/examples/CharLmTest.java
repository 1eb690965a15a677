package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.layers.recurrent.LSTM;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The character model's shapes, names and state carrying. */
class CharLmTest {

  /** Feeding a sequence one character at a time, carrying the state, gives the logits of the whole sequence. */
  @Property(tries = 10)
  void stepByStepWithTheStateMatchesTheWholeSequence(@ForAll @IntRange(min = 2, max = 9) int vocabulary,
      @ForAll @IntRange(min = 1, max = 6) int length, @ForAll long seed) {
    CharLm model = new CharLm(vocabulary, 3, 5, new Rng(seed));
    Rng rng = new Rng(seed + 1);
    long[] codes = new long[2 * length];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = rng.nextInt(vocabulary);
    }
    Tensor whole = model.call(Tensor.of(codes, 2, length));
    assertArrayEquals(new int[] {2, length, vocabulary}, whole.shape().dims());
    double[] expected = whole.toDoubleArray();
    LSTM.State state = null;
    for (int t = 0; t < length; t++) {
      CharLm.Output out = model.call(Tensor.of(new long[] {codes[t], codes[length + t]}, 2, 1), state);
      state = out.state();
      double[] step = out.logits().toDoubleArray();
      for (int b = 0; b < 2; b++) {
        for (int v = 0; v < vocabulary; v++) {
          assertEquals(expected[(b * length + t) * vocabulary + v], step[b * vocabulary + v], 1e-5);
        }
      }
    }
  }

  @Test
  void parameterCountAndNamesMatchTheLayers() {
    CharLm model = new CharLm(65, 64, 256, new Rng(1));
    long count = model.parameters().stream().mapToLong(Tensor::size).sum();
    assertEquals(count, CharLm.parameterCount(65, 64, 256));
    assertEquals(java.util.List.of("embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0",
        "lstm.bias_hh_l0", "head.weight", "head.bias"), java.util.List.copyOf(model.namedParameters().keySet()));
  }
}
