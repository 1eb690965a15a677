package dev.chainrule.nn.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Padded batches with lengths: every sequence gives exactly what it gives alone, unpadded; padded outputs are 0;
 * padding reaches no gradient, even when it is NaN.
 */
class VariableLengthProperties {
  private static final int FEATURES = 3;
  private static final int HIDDEN = 4;

  /** One of the three layers, as a function of (input, lengths or null) giving (output, final states...). */
  private interface Run {
    Tensor[] run(Tensor x, Tensor lengths);
  }

  private record Layer(Module module, Run runner) {
    Tensor[] run(Tensor x, Tensor lengths) {
      return runner.run(x, lengths);
    }
  }

  private static Layer layer(int kind, RecurrentOptions options, Rng rng) {
    return switch (kind) {
      case 0 -> {
        LSTM lstm = new LSTM(options, rng);
        yield new Layer(lstm, (x, len) -> {
          LSTM.Output o = len == null ? lstm.call(x, (LSTM.State) null) : lstm.call(x, len, null);
          return new Tensor[] {o.output(), o.state().h(), o.state().c()};
        });
      }
      case 1 -> {
        GRU gru = new GRU(options, rng);
        yield new Layer(gru, (x, len) -> {
          GRU.Output o = len == null ? gru.call(x, (Tensor) null) : gru.call(x, len, null);
          return new Tensor[] {o.output(), o.hN()};
        });
      }
      default -> {
        RNN rnn = new RNN(options, Nonlinearity.TANH, rng);
        yield new Layer(rnn, (x, len) -> {
          RNN.Output o = len == null ? rnn.call(x, (Tensor) null) : rnn.call(x, len, null);
          return new Tensor[] {o.output(), o.hN()};
        });
      }
    };
  }

  @Property(tries = 30)
  void eachSequenceGivesWhatItGivesAloneAndPaddingIsZero(@ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll boolean bidirectional, @ForAll @IntRange(min = 1, max = 2) int layers,
      @ForAll @IntRange(min = 1, max = 6) int steps, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll long seed) {
    try (var f64 = DType.defaultScope(DType.FLOAT64)) {
      Rng rng = new Rng(seed);
      Layer layer = layer(kind, RecurrentOptions.of(FEATURES, HIDDEN).withNumLayers(layers)
          .withBidirectional(bidirectional), rng);
      long[] lengths = new long[batch];
      for (int n = 0; n < batch; n++) {
        lengths[n] = 1 + rng.nextInt(steps);
      }
      Tensor x = Tensor.uniform(rng, -1, 1, steps, batch, FEATURES);
      Tensor[] padded = layer.run(x, Tensor.ofLongs(lengths));
      int width = (bidirectional ? 2 : 1) * HIDDEN;
      for (int n = 0; n < batch; n++) {
        int len = (int) lengths[n];
        Tensor alone = x.narrow(1, n, 1).narrow(0, 0, len);
        Tensor[] reference = layer.run(alone, null);
        Tensor real = padded[0].narrow(1, n, 1).narrow(0, 0, len);
        assertArrayEquals(reference[0].toDoubleArray(), real.toDoubleArray(), 1e-12, "outputs of sequence " + n);
        if (len < steps) {
          double[] pad = padded[0].narrow(1, n, 1).narrow(0, len, steps - len).toDoubleArray();
          assertArrayEquals(new double[(steps - len) * width], pad, "padded outputs of sequence " + n);
        }
        for (int s = 1; s < padded.length; s++) {
          assertArrayEquals(reference[s].toDoubleArray(), padded[s].narrow(1, n, 1).toDoubleArray(), 1e-12,
              "final state " + s + " of sequence " + n);
        }
      }
    }
  }

  @Property(tries = 20)
  void paddingReachesNoGradientEvenAsNaN(@ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll boolean bidirectional, @ForAll long seed) {
    try (var f64 = DType.defaultScope(DType.FLOAT64)) {
      Rng rng = new Rng(seed);
      RecurrentOptions options = RecurrentOptions.of(FEATURES, HIDDEN).withBidirectional(bidirectional);
      Layer layer = layer(kind, options, rng);
      int steps = 5;
      double[] values = Tensor.uniform(rng, -1, 1, steps, 2, FEATURES).toDoubleArray();
      for (int t = 2; t < steps; t++) {
        for (int f = 0; f < FEATURES; f++) {
          values[(t * 2 + 1) * FEATURES + f] = Double.NaN; // sequence 1 is 2 steps long, then NaN padding
        }
      }
      Tensor x = Tensor.of(values, steps, 2, FEATURES).requiresGrad();
      Tensor[] out = layer.run(x, Tensor.ofLongs(steps, 2));
      Tensor loss = out[0].sum();
      for (int s = 1; s < out.length; s++) {
        loss = loss.add(out[s].sum());
      }
      assertTrue(Double.isFinite(loss.item()), "a NaN in the padding reached the loss");
      loss.backward();
      double[] g = x.grad().toDoubleArray();
      for (int t = 0; t < steps; t++) {
        for (int f = 0; f < FEATURES; f++) {
          double gi = g[(t * 2 + 1) * FEATURES + f];
          if (t >= 2) {
            assertEquals(0.0, gi, "gradient of padded input at step " + t);
          } else {
            assertTrue(Double.isFinite(gi), "gradient of a real input at step " + t);
          }
        }
      }
      for (Tensor p : layer.module().parameters()) {
        for (double v : p.grad().toDoubleArray()) {
          assertTrue(Double.isFinite(v), "a NaN in the padding reached the gradient of " + p.label());
        }
      }
    }
  }

  @Example
  void badLengthsAreRefusedNamingTheLayer() {
    LSTM lstm = new LSTM(3, 4, new Rng(1));
    Tensor x = Tensor.zeros(5, 2, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> lstm.call(x, Tensor.ofLongs(5, 0), null));
    assertEquals("LSTM: length 0 of sequence 1 is outside [1, 5], the time steps of the input of shape (5, 2, 3)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> lstm.call(x, Tensor.of(5f, 2f), null));
    assertTrue(e.getMessage().startsWith("LSTM: lengths of shape (2,) and type float32 must be int64"),
        e.getMessage());
  }
}
