package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training, evaluation and prediction that cannot be right are refused with an error, not run. */
class TrainerRefusalsTest {
  private static final TensorDataset EMPTY = new TensorDataset(Tensor.zeros(0, 2), Tensor.zeros(0, 1));

  /** A callback that records that it was called at all. */
  private static Callback recorder(List<String> calls) {
    return new Callback() {
      @Override
      public void onTrainBegin(TrainingState state) {
        calls.add("begin");
      }
    };
  }

  @Test
  void anEmptyTrainingLoaderIsRefusedBeforeAnyCallback() {
    Linear model = Fixtures.linear(2, 1, 1);
    List<String> calls = new ArrayList<>();
    Trainer trainer = Fixtures.regressionTrainer(model, 0.1).callbacks(recorder(calls)).build();
    var e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(Fixtures.loader(EMPTY, 8), null));
    assertEquals("fit: the training loader yields no batches: its dataset has no samples", e.getMessage());
    assertEquals(List.of(), calls);
  }

  @Test
  void dropLastThatDropsEverySampleIsRefusedNamingBatchSizeAndSampleCount() {
    Linear model = Fixtures.linear(2, 1, 1);
    DataLoader dropped = DataLoader.builder(Fixtures.regression(50, 2)).batchSize(64).dropLast(true).build();
    var e = assertThrows(IllegalArgumentException.class,
        () -> Fixtures.regressionTrainer(model, 0.1).build().fit(dropped, null));
    assertEquals("fit: the training loader yields no batches: dropLast skips its only batch, of 50 samples, as"
        + " smaller than the batch size 64", e.getMessage());
  }

  @Test
  void anEmptyValidationLoaderIsRefusedBeforeTrainingChangesTheModel() {
    Linear model = Fixtures.linear(2, 1, 1);
    double[] before = model.weight().toDoubleArray();
    var e = assertThrows(IllegalArgumentException.class, () -> Fixtures.regressionTrainer(model, 0.1).build()
        .fit(Fixtures.loader(Fixtures.regression(32, 3), 8), Fixtures.loader(EMPTY, 8)));
    assertEquals("fit: the validation loader yields no batches: its dataset has no samples", e.getMessage());
    assertArrayEquals(before, model.weight().toDoubleArray(), 0.0);
  }

  @Test
  void evaluatingAnEmptySetIsRefused() {
    Trainer trainer = Fixtures.regressionTrainer(Fixtures.linear(2, 1, 1), 0.1).build();
    var e = assertThrows(IllegalArgumentException.class, () -> trainer.evaluate(Fixtures.loader(EMPTY, 8)));
    assertEquals("evaluate: the loader yields no batches: its dataset has no samples", e.getMessage());
    DataLoader dropped = DataLoader.builder(Fixtures.regression(5, 2)).batchSize(8).dropLast(true).build();
    var d = assertThrows(IllegalArgumentException.class, () -> trainer.evaluate(dropped));
    assertTrue(d.getMessage().contains("5 samples") && d.getMessage().contains("batch size 8"), d.getMessage());
  }

  @Test
  void anOptimizerOverAnotherModelsParametersIsRefusedAtBuildTime() {
    Linear model = Fixtures.linear(2, 1, 1);
    Linear twin = Fixtures.linear(2, 1, 1); // equal values, other tensors: identity is what counts
    var e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(model, new MSELoss(), new SGD(twin.parameters(), 0.1)).build());
    assertEquals("trainer: the optimizer (SGD) holds 2 tensors that are not parameters of the model (Linear):"
        + " parameter 0 'weight' (1, 2), parameter 1 'bias' (1,); build it from model.parameters(), or from some"
        + " of them to fine-tune", e.getMessage());
  }

  @Test
  void anOptimizerHoldingOneForeignTensorNamesOnlyThatOne() {
    Linear model = Fixtures.linear(2, 1, 1);
    Tensor stray = Tensor.zeros(3, 3).requiresGrad();
    var e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(model, new MSELoss(),
        new SGD(List.of(model.weight(), stray), 0.1)).build());
    assertTrue(e.getMessage().contains("holds 1 tensor that is not a parameter of the model (Linear): parameter 1"
        + " (unnamed) (3, 3);"), e.getMessage());
  }

  @Test
  void anOptimizerOverSomeOfTheModelsParametersFineTunesThem() {
    Linear model = Fixtures.linear(2, 1, 1);
    double[] bias = model.bias().toDoubleArray();
    double[] weight = model.weight().toDoubleArray();
    Trainer.builder(model, new MSELoss(), new SGD(List.of(model.weight()), 0.1)).build()
        .fit(Fixtures.loader(Fixtures.regression(32, 3), 8), null);
    assertArrayEquals(bias, model.bias().toDoubleArray(), 0.0, "the bias is not the optimizer's");
    assertTrue(!Arrays.equals(weight, model.weight().toDoubleArray()), "the weight trains");
  }

  @Test
  void aShapeErrorInFitNamesTheModulePathAndSuggestsFlatten() {
    Sequential model = new Sequential(new ReLU(), new Linear(64, 2, new Rng(1)));
    TensorDataset images = new TensorDataset(Tensor.zeros(16, 1, 8, 8), Tensor.zeros(16));
    var e = assertThrows(IllegalArgumentException.class,
        () -> Fixtures.classificationTrainer(model, 0.1).build().fit(Fixtures.loader(images, 8), null));
    assertEquals("Sequential / 1 (Linear): input of shape (8, 1, 8, 8) must have 64 features in its last axis,"
        + " found 8; a Flatten before this layer gives (8, 64)", e.getMessage());
  }
}
