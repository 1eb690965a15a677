package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.examples.lessons.RegularizationExperiment.Result;
import dev.chainrule.examples.lessons.RegularizationExperiment.Run;
import dev.chainrule.examples.lessons.RegularizationExperiment.Stop;
import dev.chainrule.examples.lessons.SplitCurves.Fit;
import dev.chainrule.nn.layers.Dropout;
import dev.chainrule.nn.layers.Sequential;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every claim the regularization lesson prints, on the numbers its computation returns. */
class RegularizationLessonTest {
  private static Result result;

  @BeforeAll
  static void compute() {
    result = new RegularizationLesson().compute();
  }

  @Test
  void withoutRegularizationTheNetworkMemorisesAndTheValidationLossClimbs() {
    Run plain = result.run("plain");
    assertEquals(RegularizationExperiment.EPOCHS, plain.curve().size());
    assertTrue(plain.last().trainLoss() < 0.01, "train loss " + plain.last().trainLoss());
    assertEquals(1.0, plain.last().trainAccuracy());
    int lowest = RegularizationLesson.argMin(plain.curve(), Fit::validationLoss);
    assertTrue(lowest < plain.curve().size() / 2, "lowest validation loss at epoch " + (lowest + 1));
    double best = plain.curve().get(lowest).validationLoss();
    assertTrue(plain.last().validationLoss() > 1.5 * best,
        "validation loss only went from " + best + " to " + plain.last().validationLoss());
    assertTrue(plain.curve().get(lowest).trainLoss() > 10 * plain.last().trainLoss(),
        "the training loss should keep falling after the validation loss's minimum");
  }

  @Test
  void l2AndDropoutShrinkTheGapAndKeepTheTrainingLossAwayFromZero() {
    Fit plain = result.run("plain").last();
    for (String name : List.of("L2", "dropout")) {
      Fit regularised = result.run(name).last();
      assertTrue(regularised.lossGap() < plain.lossGap(),
          name + " gap " + regularised.lossGap() + " vs plain " + plain.lossGap());
      assertTrue(regularised.trainLoss() > plain.trainLoss(),
          name + " train loss " + regularised.trainLoss() + " vs plain " + plain.trainLoss());
      assertTrue(regularised.validationLoss() < plain.validationLoss(),
          name + " validation loss " + regularised.validationLoss() + " vs plain " + plain.validationLoss());
      assertEquals(RegularizationExperiment.EPOCHS, result.run(name).curve().size(), name);
    }
    assertTrue(result.run("L2").last().lossGap() < 0.6 * plain.lossGap(), "L2 roughly halves the gap");
    assertTrue(result.run("dropout").last().validationLoss() < result.run("L2").last().validationLoss(),
        "dropout ends lowest of the runs that train all epochs");
  }

  @Test
  void earlyStoppingStopsBeforeTheLastEpochAndRestoresTheBestValidationLoss() {
    Stop stop = result.stop();
    Run early = result.run("early stopping");
    assertTrue(stop.stoppedEpoch() > 0 && stop.stoppedEpoch() < RegularizationExperiment.EPOCHS,
        "stopped after epoch " + stop.stoppedEpoch());
    assertEquals(stop.stoppedEpoch(), early.curve().size());
    assertEquals(stop.stoppedEpoch() - RegularizationExperiment.PATIENCE, stop.bestEpoch());
    int lowest = RegularizationLesson.argMin(early.curve(), Fit::validationLoss);
    assertEquals(stop.bestEpoch(), lowest + 1);
    assertEquals(stop.bestValidationLoss(), early.curve().get(lowest).validationLoss(), 1e-6);
    assertEquals(stop.bestValidationLoss(), early.last().validationLoss(), 1e-6, "the best weights are back");
    assertTrue(early.last().validationLoss() < early.curve().get(early.curve().size() - 1).validationLoss());
    assertTrue(early.last().lossGap() < result.run("plain").last().lossGap());
    assertEquals(result.run("plain").curve().subList(0, early.curve().size()), early.curve(),
        "until it stops, the early-stopping run is the plain run");
  }

  @Test
  void everyRunStartsFromTheSameWeights() {
    Map<String, Tensor> plain = RegularizationExperiment.model(false).namedParameters();
    Sequential withDropout = RegularizationExperiment.model(true);
    List<Tensor> dropoutWeights = withDropout.parameters();
    assertTrue(withDropout.modules().stream().anyMatch(m -> m instanceof Dropout));
    assertEquals(plain.size(), dropoutWeights.size());
    int i = 0;
    for (Tensor w : plain.values()) {
      assertEquals(w.shape(), dropoutWeights.get(i).shape());
      assertArrayEquals(w.toFloatArray(), dropoutWeights.get(i++).toFloatArray());
    }
  }

  @Test
  void theRunsUseTheDocumentedData() {
    assertEquals(57, result.trainSize());
    assertEquals(228, result.validationSize());
    assertEquals(List.of("plain", "L2", "dropout", "early stopping"),
        result.runs().stream().map(Run::name).toList());
  }
}
