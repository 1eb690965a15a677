package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The claims of the recurrent-network lesson, checked on its own computation. */
class RnnLessonTest {
  private static final RnnLesson.Result RESULT = RnnLesson.compute();

  @Test
  void theUnrolledGraphHasOneClusterPerTimeStep() {
    String dot = RESULT.graph().toDot();
    for (int t = 1; t <= RnnLesson.UNROLLED; t++) {
      assertTrue(dot.contains("t=" + t), "no cluster for step " + t);
    }
    assertTrue(!dot.contains("t=" + (RnnLesson.UNROLLED + 1)));
  }

  @Test
  void backpropagationThroughTimeAddsOneContributionPerStepToTheSharedWeights() {
    long recurrent = RESULT.narration().stream().filter(l -> l.startsWith("dL/dweight_hh (2, 2) +=")).count();
    long input = RESULT.narration().stream().filter(l -> l.startsWith("dL/dweight_ih (2, 1) +=")).count();
    assertEquals(RnnLesson.UNROLLED, recurrent, "W_hh is used once per step");
    assertEquals(RnnLesson.UNROLLED, input, "W_ih is used once per step");
  }

  @Test
  void theTanhRnnsGradientVanishesWhileTheLstmsIsCarriedAcross() {
    double[] rnn = RESULT.rnnNorms();
    double[] lstm = RESULT.lstmNorms();
    int last = RnnLesson.STEPS - 1;
    assertTrue(rnn[0] < 1e-10 * rnn[last], "the RNN keeps " + rnn[0] / rnn[last] + " of its gradient");
    assertTrue(lstm[0] > 1e-2 * lstm[last], "the LSTM keeps " + lstm[0] / lstm[last] + " of its gradient");
    assertTrue(lstm[0] > 1e6 * rnn[0], "at step 1 the LSTM's gradient " + lstm[0] + " vs the RNN's " + rnn[0]);
    // Geometric decay for the RNN: every 7 steps back the gradient shrinks, without exception.
    for (int t = last - 7; t >= 0; t -= 7) {
      assertTrue(rnn[t] < rnn[t + 7], "step " + (t + 1));
    }
  }
}
