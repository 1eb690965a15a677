package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.transforms.Normalize;
import dev.chainrule.nn.data.transforms.RandomCrop;
import dev.chainrule.nn.data.transforms.RandomHorizontalFlip;
import dev.chainrule.nn.layers.Flatten;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loader's transform hook: order, seeding per epoch and batch, and evaluation left unaugmented. */
class DataLoaderTransformTest {
  /** 20 random 1x4x4 images with labels 0..3. */
  private static TensorDataset images() {
    Rng rng = new Rng(5);
    long[] labels = new long[20];
    for (int i = 0; i < 20; i++) {
      labels[i] = i % 4;
    }
    return new TensorDataset(Tensor.uniform(rng, 0.5, 1, 20, 1, 4, 4), Tensor.of(labels, 20));
  }

  /** An augmentation that adds one draw of the generator to the whole batch. */
  private static final BatchTransform NOISE =
      (batch, rng) -> new Batch(batch.features().add(rng.nextDouble()), batch.labels());

  private static List<float[]> features(Iterable<Batch> epoch) {
    List<float[]> all = new ArrayList<>();
    for (Batch b : epoch) {
      all.add(b.features().toFloatArray());
    }
    return all;
  }

  private static DataLoader.Builder augmented(long seed) {
    return DataLoader.builder(images()).batchSize(6).shuffle(seed).transform(new RandomCrop(1))
        .transform(new RandomHorizontalFlip());
  }

  @Test
  void theSameSeedGivesTheSameAugmentedBatchesOnEveryRunAndNewOnesEveryEpoch() {
    DataLoader first = augmented(42).build();
    DataLoader second = augmented(42).build();
    List<float[]> epoch0 = features(first);
    List<float[]> epoch1 = features(first);
    List<float[]> again0 = features(second);
    List<float[]> again1 = features(second);
    for (int b = 0; b < epoch0.size(); b++) {
      assertArrayEquals(epoch0.get(b), again0.get(b), "epoch 0, batch " + b);
      assertArrayEquals(epoch1.get(b), again1.get(b), "epoch 1, batch " + b);
    }
    List<float[]> replayed = features(first.epoch(1));
    for (int b = 0; b < epoch1.size(); b++) {
      assertArrayEquals(epoch1.get(b), replayed.get(b), "epoch(1) again, batch " + b);
    }
    // the same samples in the same order, augmented differently: shuffle seed 42 and the loader's epochs 0, 1
    DataLoader plain = DataLoader.builder(images()).batchSize(6).shuffle(42).build();
    List<float[]> raw0 = features(plain);
    assertNotEquals(java.util.Arrays.toString(raw0.get(0)), java.util.Arrays.toString(epoch0.get(0)));
    assertNotEquals(java.util.Arrays.toString(epoch0.get(0)),
        java.util.Arrays.toString(features(augmented(7).build()).get(0)), "another seed, other draws");
  }

  @Test
  void eachBatchHasItsOwnGeneratorWhateverTheOrderItIsTakenIn() {
    DataLoader loader = DataLoader.builder(images()).batchSize(5).transform(NOISE).build();
    List<float[]> epoch0 = features(loader.epoch(0));
    List<float[]> epoch3 = features(loader.epoch(3));
    assertArrayEquals(epoch0.get(2), features(loader.epoch(0)).get(2));
    float[] raw = images().get(new int[] {10, 11, 12, 13, 14}).features().toFloatArray();
    double shift0 = epoch0.get(2)[0] - raw[0];
    double shift3 = epoch3.get(2)[0] - raw[0];
    assertNotEquals(shift0, shift3, 1e-6);
    assertNotEquals(shift0, epoch0.get(1)[0] - images().get(new int[] {5}).features().get(0), 1e-6);
  }

  @Test
  void transformsRunInTheOrderGivenAndLabelsStayWithTheirSamples() {
    BatchTransform times2 = (b, rng) -> new Batch(b.features().mul(2), b.labels());
    BatchTransform plus1 = (b, rng) -> new Batch(b.features().add(1), b.labels());
    DataLoader loader = DataLoader.builder(images()).batchSize(20).transform(times2).transform(plus1).build();
    Batch batch = loader.iterator().next();
    assertArrayEquals(images().features().mul(2).add(1).toFloatArray(), batch.features().toFloatArray());
    assertArrayEquals(images().labels().toLongArray(), batch.labels().toLongArray());
  }

  @Test
  void evaluationSkipsAugmentationsButNotNormalisationUnlessAsked() {
    Normalize normalize = new Normalize(new double[] {0.5}, new double[] {0.25});
    DataLoader loader = augmented(3).transform(normalize).build();
    Tensor rawFirst = DataLoader.builder(images()).batchSize(6).shuffle(3).build().iterator().next().features();
    Tensor expected = rawFirst.sub(0.5).div(0.25);
    try (var eval = Module.evaluating()) {
      assertArrayEquals(expected.toFloatArray(), loader.epoch(0).iterator().next().features().toFloatArray());
    }
    assertFalse(java.util.Arrays.equals(expected.toFloatArray(),
        loader.epoch(0).iterator().next().features().toFloatArray()), "augmented when training");
    float[] training = loader.epoch(0).iterator().next().features().toFloatArray();
    DataLoader asked = augmented(3).transform(normalize).augmentWhileEvaluating(true).build();
    try (var eval = Module.evaluating()) {
      assertArrayEquals(training, asked.epoch(0).iterator().next().features().toFloatArray());
    }
  }

  @Test
  void fitValidatesAndEvaluateMeasuresOnUnaugmentedData() {
    Rng rng = new Rng(9);
    Sequential model = new Sequential(new Flatten(), new Linear(16, 4, rng));
    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.05)).epochs(2)
        .build();
    DataLoader train = DataLoader.builder(images()).batchSize(5).shuffle(1).transform(NOISE).build();
    DataLoader validation = DataLoader.builder(images()).batchSize(5).transform(NOISE).build();
    History history = trainer.fit(train, validation);
    DataLoader plain = DataLoader.builder(images()).batchSize(5).build();
    double plainLoss = trainer.evaluate(plain).loss();
    // equal to float precision (the loader's noise would move the loss by far more); train's batches are shuffled
    assertEquals(plainLoss, history.last().get("val_loss"), 1e-6);
    assertEquals(plainLoss, trainer.evaluate(train).loss(), 1e-6);
    DataLoader askedToAugment = DataLoader.builder(images()).batchSize(5).transform(NOISE)
        .augmentWhileEvaluating(true).build();
    assertNotEquals(plainLoss, trainer.evaluate(askedToAugment).loss(), 1e-6);
  }

  @Test
  void aTransformMustReturnABatch() {
    DataLoader loader = DataLoader.builder(images()).transform((b, rng) -> null).build();
    var e = assertThrows(NullPointerException.class, () -> loader.iterator().next());
    assertTrue(e.getMessage().startsWith("DataLoader: transform ") && e.getMessage().endsWith(" returned null"),
        e.getMessage());
  }
}
