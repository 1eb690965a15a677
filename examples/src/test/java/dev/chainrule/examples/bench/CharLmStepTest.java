package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.examples.CharLm;
import dev.chainrule.examples.CharLmLoss;
import dev.chainrule.examples.bench.CharLmStep.Part;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.CharWindows;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.GradClip;
import dev.chainrule.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench's instrumented step is the training step of {@code train --model charlm} (same losses and the same
 * parameters afterwards, bit for bit), its clock marks come in the order the parts run, and the projection it
 * replays is the LSTM's input projection.
 */
class CharLmStepTest {
  private static final int VOCABULARY = 11;

  private static List<Batch> batches(int count) {
    Rng rng = new Rng(5);
    long[] codes = new long[400];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = Math.floorMod(rng.nextLong(), VOCABULARY);
    }
    CharWindows windows = new CharWindows(codes, 4, 7, 9);
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batches.add(windows.next());
    }
    return batches;
  }

  /**
   * A small model whose output weights are scaled up 50 times, so that its gradient's norm is well above the
   * clipping threshold and the clipping acts.
   */
  private static CharLm model() {
    CharLm model = new CharLm(VOCABULARY, 6, 10, new Rng(3));
    Map<String, Tensor> state = new java.util.LinkedHashMap<>(model.namedParameters());
    state.put("head.weight", state.get("head.weight").detach().mul(50));
    model.loadStateDict(state);
    return model;
  }

  @Test
  void theBenchsStepIsTheTrainingLoopsStep() {
    List<Batch> batches = batches(4);
    CharLm benched = model();
    CharLmStep step = new CharLmStep(benched, new Adam(benched.parameters(), CharLmTrainBench.LR));
    CharLm trained = model();
    Optimizer adam = new Adam(trained.parameters(), CharLmTrainBench.LR);
    long[] marks = new long[Part.MARKS];
    double largestNorm = 0;
    for (Batch b : batches) {
      double benchLoss = step.run(b, marks);
      // the loop of CharLmTraining.run
      adam.zeroGrad();
      Tensor l = CharLmLoss.of(trained, b);
      double loss = l.item();
      l.backward();
      largestNorm = Math.max(largestNorm, GradClip.byGlobalNorm(trained.parameters(), CharLmTrainBench.CLIP_NORM));
      adam.step();
      assertEquals(loss, benchLoss, 0.0);
    }
    assertTrue(largestNorm > CharLmTrainBench.CLIP_NORM, "the clipping never acted: largest norm " + largestNorm);
    Map<String, Tensor> expected = trained.namedParameters();
    benched.namedParameters().forEach((name, p) ->
        assertArrayEquals(expected.get(name).toFloatArray(), p.toFloatArray(), 0f, name));
  }

  @Test
  void theMarksFollowTheOrderThePartsRunIn() {
    CharLm model = model();
    CharLmStep step = new CharLmStep(model, new Adam(model.parameters(), CharLmTrainBench.LR));
    long[] marks = new long[Part.MARKS];
    for (Batch b : batches(2)) {
      Arrays.fill(marks, 0);
      step.run(b, marks);
      for (int i = 1; i < marks.length; i++) {
        assertTrue(marks[i - 1] > 0 && marks[i - 1] <= marks[i], "mark " + i + " of " + Arrays.toString(
            marks));
      }
    }
  }

  @Test
  void theReplayedProjectionIsTheLstmsInputProjection() {
    CharLm model = model();
    CharLmStep step = new CharLmStep(model, new Adam(model.parameters(), CharLmTrainBench.LR));
    Batch b = batches(1).get(0);
    Map<String, Tensor> p = model.namedParameters();
    Tensor embedded; // the step's embedding output, (B, T, E) = (4, 7, 6), before the step updates the table
    try (var off = GradMode.off()) {
      embedded = p.get("embedding.weight").indexSelect(0, b.features().reshape(-1)).reshape(4, 7, 6);
    }
    step.run(b, new long[Part.MARKS]);
    Tensor replayed = step.replayProjection();
    // x_t W_ih^T + b_ih + b_hh for every step t, time-major rows, with the weights as they are now
    Tensor expected;
    try (var off = GradMode.off()) {
      expected = embedded.transpose(0, 1).reshape(28, 6).matmul(p.get("lstm.weight_ih_l0").transpose(0, 1))
          .add(p.get("lstm.bias_ih_l0")).add(p.get("lstm.bias_hh_l0"));
    }
    assertArrayEquals(new int[] {28, 40}, replayed.shape().dims());
    assertArrayEquals(expected.toFloatArray(), replayed.toFloatArray(), 1e-5f);
  }
}
