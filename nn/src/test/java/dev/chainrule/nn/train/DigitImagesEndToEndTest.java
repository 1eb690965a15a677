package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.nn.Summary;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.Split;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.data.transforms.RandomCrop;
import dev.chainrule.nn.layers.BatchNorm2d;
import dev.chainrule.nn.layers.Dropout2d;
import dev.chainrule.nn.layers.Flatten;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Upsample;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.optim.Adam;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The digits as (N, 1, 8, 8) images through image layers, a seeded augmenting loader and the Trainer. */
class DigitImagesEndToEndTest {

  private static double[] lossCurve(TensorDataset train, Sequential model) {
    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 1e-3)).epochs(3)
        .build();
    return trainer.fit(DataLoader.builder(train).batchSize(32).shuffle(1).build(), null).values("loss");
  }

  /** Images standardised per pixel and a Flatten in front give the MLP of the flat data, bit for bit. */
  @Test
  void aFlattenInFrontOfTheMlpChangesNoNumber() {
    Split images = Split.stratified(Datasets.digits(), 0.7, 0.15, new Rng(42));
    Split flat = Split.stratified(Datasets.digits().flatten(), 0.7, 0.15, new Rng(42));
    TensorDataset imageTrain = Standardizer.fit(images.train().features()).transform(images.train());
    TensorDataset flatTrain = Standardizer.fit(flat.train().features()).transform(flat.train());
    assertEquals(Shape.of(imageTrain.size(), 1, 8, 8), imageTrain.features().shape());
    assertArrayEquals(flatTrain.features().toFloatArray(), imageTrain.features().toFloatArray());

    Rng a = new Rng(7);
    Rng b = new Rng(7);
    double[] withFlatten = lossCurve(imageTrain,
        new Sequential(new Flatten(), new Linear(64, 32, a), new ReLU(), new Linear(32, 10, a)));
    double[] withoutFlatten = lossCurve(flatTrain, new Sequential(new Linear(64, 32, b), new ReLU(),
        new Linear(32, 10, b)));
    assertArrayEquals(withoutFlatten, withFlatten);
  }

  @Test
  void imageLayersTrainOnAugmentedDigitsAndRepeatBitForBit() {
    double[] first = trainImageModel();
    double[] second = trainImageModel();
    assertArrayEquals(first, second, "the same seeds, the same augmented run");
    // 0.90 after 6 epochs: shifts by a pixel of 8 are hard for a network without weight sharing; chance is 0.1
    assertTrue(first[2] >= 0.85, "test accuracy " + first[2]);
    assertTrue(first[1] < first[0] / 3, "training loss should fall: " + first[0] + " -> " + first[1]);
  }

  /** First and last epoch's training loss and the test accuracy of a small image model. */
  private static double[] trainImageModel() {
    Rng rng = new Rng(3);
    Split split = Split.stratified(Datasets.digits(), 0.7, 0.15, rng);
    // no Dropout2d: with one channel it would drop whole images
    Sequential model = new Sequential(new BatchNorm2d(1), new Flatten(), new Linear(64, 64, rng), new ReLU(),
        new Linear(64, 10, rng));
    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 5e-3))
        .epochs(6).metrics(Accuracy.multiclass()).build();
    DataLoader train = DataLoader.builder(split.train()).batchSize(32).shuffle(5).transform(new RandomCrop(1))
        .build();
    double[] loss = trainer.fit(train, null).values("loss");
    double accuracy = trainer.evaluate(DataLoader.builder(split.test()).batchSize(128).build())
        .metric("accuracy");
    return new double[] {loss[0], loss[loss.length - 1], accuracy};
  }

  @Test
  void summaryShowsTheImageShapesLayerByLayer() {
    Rng rng = new Rng(1);
    Sequential model = new Sequential(new BatchNorm2d(1), Upsample.scaleFactor(2), new Dropout2d(0.1, rng),
        new Flatten(), new Linear(256, 64, rng), new ReLU(), new Linear(64, 10, rng));
    Summary summary = model.summary(1, 1, 8, 8);
    List<Shape> shapes = summary.rows().stream().map(Summary.Row::outputShape).toList();
    assertEquals(List.of(Shape.of(1, 1, 8, 8), Shape.of(1, 1, 16, 16), Shape.of(1, 1, 16, 16), Shape.of(1, 256),
        Shape.of(1, 64), Shape.of(1, 64), Shape.of(1, 10)), shapes);
    assertEquals(2 + 256 * 64 + 64 + 64 * 10 + 10, summary.totalParameters());
    assertTrue(model.isTraining(), "summary changes no mode");
  }
}
