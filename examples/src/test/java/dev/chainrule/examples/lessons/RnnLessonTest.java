package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The claims of the recurrent-network lesson, checked on its own computation. The character model is trained to
 * {@value #LAST} steps here instead of the lesson's 2,000, which take minutes on two cores; its snapshots at 0 and
 * 200 steps are the lesson's (the seeds are fixed), and the claims tested hold already at {@value #LAST} steps.
 */
class RnnLessonTest {
  private static final int LAST = 300;
  private static final RnnLesson.Result RESULT = RnnLesson.compute(0, 200, LAST);
  /** A speaker line of a play: a name in capitals (or words with a capital first) and a colon, alone on a line. */
  private static final Pattern SPEAKER = Pattern.compile("(?m)^[A-Z][A-Za-z ]*:$");

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

  @Test
  void theUntrainedCharacterModelScoresAboutLnVAndTrainingLowersTheValidationLossAtEachCheckpoint() {
    List<CharLmProgress.Snapshot> snapshots = RESULT.charModel().snapshots();
    assertEquals(List.of(0, 200, LAST), snapshots.stream().map(CharLmProgress.Snapshot::step).toList());
    double uniform = Math.log(RESULT.charModel().vocabulary());
    assertEquals(uniform, snapshots.get(0).validationLoss(), 0.05, "untrained, about ln V");
    for (int i = 1; i < snapshots.size(); i++) {
      assertTrue(snapshots.get(i).validationLoss() < snapshots.get(i - 1).validationLoss() - 0.05,
          "validation loss at " + snapshots.get(i - 1).step() + " and " + snapshots.get(i).step() + " steps: "
              + snapshots.get(i - 1).validationLoss() + ", " + snapshots.get(i).validationLoss());
    }
    assertTrue(snapshots.get(2).validationLoss() < uniform - 1.8, "after " + LAST + " steps: "
        + snapshots.get(2).validationLoss());
  }

  @Test
  void laterSamplesHaveMoreRealWordsAndTheTrainedOneHasSpeakerLines() {
    CharLmProgress.Run run = RESULT.charModel();
    List<CharLmProgress.Snapshot> snapshots = run.snapshots();
    double[] shares = snapshots.stream().mapToDouble(s -> run.wordShare(s.sample())).toArray();
    assertTrue(shares[0] < 0.1, "random characters make few words: " + shares[0]);
    assertTrue(shares[1] > shares[0] + 0.1 && shares[2] > shares[1] + 0.05, "word shares " + shares[0] + ", "
        + shares[1] + ", " + shares[2]);
    String untrained = snapshots.get(0).sample();
    String trained = snapshots.get(2).sample();
    assertFalse(SPEAKER.matcher(untrained).find(), untrained);
    assertTrue(SPEAKER.matcher(trained).find(), trained);
    assertTrue(trained.contains("\n") && trained.contains(":"), trained);
    for (CharLmProgress.Snapshot s : snapshots) {
      assertEquals(CharLmProgress.SAMPLE_LENGTH, s.sample().length());
    }
  }

  @Test
  void wordsAreTokensWithoutTheirPunctuationAndTheSharesCountThem() {
    assertEquals("romeo", CharLmProgress.word("Romeo,"));
    assertEquals("o'er", CharLmProgress.word("'O'er!"));
    assertEquals("", CharLmProgress.word("--"));
    CharLmProgress.Run run = RESULT.charModel();
    assertTrue(run.words().contains("romeo") && run.words().contains("the"));
    assertEquals(0.5, run.wordShare("The xqzv, -- \nqqqj romeo!"), 1e-12, "2 of 4 tokens with letters");
  }

  @Test
  void theSameScheduleGivesTheSameSnapshotsAndAShorterOneTheSameAtTheStepsItShares() {
    List<CharLmProgress.Snapshot> a = CharLmProgress.train(0, 5, 10).snapshots();
    List<CharLmProgress.Snapshot> b = CharLmProgress.train(5, 10).snapshots();
    assertEquals(a.get(0).sample(), RESULT.charModel().snapshots().get(0).sample(), "step 0 as in the lesson");
    for (int i = 0; i < 2; i++) {
      assertEquals(a.get(i + 1).sample(), b.get(i).sample());
      assertEquals(a.get(i + 1).validationLoss(), b.get(i).validationLoss(), 0);
    }
  }
}
