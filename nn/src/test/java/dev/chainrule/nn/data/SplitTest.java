package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SplitTest {

  /** Sample i has label i and features (2i, 2i + 1). */
  private static TensorDataset numbered(int n) {
    float[] features = new float[2 * n];
    for (int i = 0; i < features.length; i++) {
      features[i] = i;
    }
    return new TensorDataset(Tensor.of(features, n, 2), Tensor.arange(n));
  }

  private static int[] ids(TensorDataset part) {
    int[] ids = new int[part.size()];
    for (int r = 0; r < ids.length; r++) {
      ids[r] = (int) part.labels().get(r);
      assertEquals(2 * ids[r], part.features().get(2 * r), "features left their label");
    }
    return ids;
  }

  @Property(tries = 200)
  void partsAreDisjointCoverEverySampleAndFollowTheFractions(@ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @DoubleRange(min = 0, max = 1) double train, @ForAll @DoubleRange(min = 0, max = 1) double share,
      @ForAll long seed) {
    double validation = (1 - train) * share;
    int trainCount = (int) Math.round(n * train);
    int valCount = Math.min((int) Math.round(n * validation), n - trainCount);
    int testCount = n - trainCount - valCount;
    if (train > 0 && trainCount == 0 || validation > 0 && valCount == 0
        || 1 - train - validation > Split.FRACTION_SLACK && testCount == 0) {
      var e = assertThrows(IllegalArgumentException.class, () -> Split.of(numbered(n), train, validation,
          new Rng(seed)));
      assertTrue(e.getMessage().contains("rounds to 0 of " + n + " samples"), e.getMessage());
      return;
    }
    Split split = Split.of(numbered(n), train, validation, new Rng(seed));
    assertEquals(trainCount, split.train().size());
    assertEquals(valCount, split.validation().size());
    assertEquals(n, split.train().size() + split.validation().size() + split.test().size());
    int[] all = IntStream.concat(IntStream.concat(Arrays.stream(ids(split.train())),
        Arrays.stream(ids(split.validation()))), Arrays.stream(ids(split.test()))).sorted().toArray();
    assertArrayEquals(IntStream.range(0, n).toArray(), all);
  }

  @Test
  void seventyFifteenFifteenOfIris() {
    Split split = Split.of(Datasets.iris(), 0.7, 0.15, new Rng(1));
    assertEquals(105, split.train().size());
    assertEquals(23, split.validation().size()); // 22.5 rounds up
    assertEquals(22, split.test().size());
    assertEquals(Shape.of(105, 4), split.train().features().shape());
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    TensorDataset data = numbered(100);
    Split a = Split.of(data, 0.6, 0.2, new Rng(7));
    Split b = Split.of(data.features(), data.labels(), 0.6, 0.2, new Rng(7));
    Split c = Split.of(data, 0.6, 0.2, new Rng(8));
    assertArrayEquals(ids(a.train()), ids(b.train()));
    assertArrayEquals(ids(a.test()), ids(b.test()));
    assertFalse(Arrays.equals(ids(a.train()), ids(c.train())));
  }

  @Test
  void stratifiedKeepsTheClassProportions() {
    Split split = Split.stratified(Datasets.iris(), 0.7, 0.15, new Rng(3));
    for (TensorDataset part : new TensorDataset[] {split.train(), split.validation(), split.test()}) {
      int[] perClass = new int[3];
      for (int i = 0; i < part.size(); i++) {
        perClass[(int) part.labels().get(i)]++;
      }
      int expected = part == split.train() ? 35 : part == split.validation() ? 8 : 7; // of 50 per class
      assertArrayEquals(new int[] {expected, expected, expected}, perClass);
    }
  }

  @Test
  void stratifiedNeedsClassIndices() {
    TensorDataset fractional = new TensorDataset(Tensor.zeros(3, 2), Tensor.of(0f, 1.5f, 1f));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Split.stratified(fractional, 0.5, 0.25, new Rng(0)));
    assertTrue(e.getMessage().contains("label 1.5 of sample 1"), e.getMessage());
  }

  @Test
  void fractionsMustLeaveRoom() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Split.of(numbered(10), 0.8, 0.3, new Rng(0)));
    assertTrue(e.getMessage().contains("train 0.8 and validation 0.3"), e.getMessage());
  }

  @Test
  void aPositiveFractionThatRoundsToNoSampleIsRefused() {
    var validation = assertThrows(IllegalArgumentException.class,
        () -> Split.of(numbered(50), 0.8, 0.005, new Rng(0)));
    assertEquals("Split: the validation fraction 0.005 rounds to 0 of 50 samples; give a larger fraction, or 0 for"
        + " no validation part", validation.getMessage());
    var test = assertThrows(IllegalArgumentException.class, () -> Split.of(numbered(50), 0.7, 0.295, new Rng(0)));
    assertTrue(test.getMessage().startsWith("Split: the test fraction 0.005"), test.getMessage());
    var train = assertThrows(IllegalArgumentException.class, () -> Split.of(numbered(50), 0.005, 0.5, new Rng(0)));
    assertTrue(train.getMessage().startsWith("Split: the train fraction 0.005 rounds to 0"), train.getMessage());
    var stratified = assertThrows(IllegalArgumentException.class,
        () -> Split.stratified(twoClasses(50), 0.8, 0.005, new Rng(0)));
    assertTrue(stratified.getMessage().startsWith("Split.stratified: the validation fraction 0.005"),
        stratified.getMessage());
  }

  @Test
  void aFractionOfZeroAsksForNoSuchPart() {
    Split noValidation = Split.of(numbered(50), 0.8, 0, new Rng(0));
    assertEquals(List.of(40, 0, 10), sizes(noValidation));
    // 1 - 0.7 - 0.3 is 5.6e-17 in doubles, not a test part that rounds to nothing
    assertEquals(List.of(35, 15, 0), sizes(Split.of(numbered(50), 0.7, 0.3, new Rng(0))));
    assertEquals(List.of(40, 0, 10), sizes(Split.stratified(twoClasses(50), 0.8, 0, new Rng(0))));
  }

  /** n samples, alternately of class 0 and 1. */
  private static TensorDataset twoClasses(int n) {
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
    }
    return new TensorDataset(Tensor.zeros(n, 2), Tensor.of(labels, n));
  }

  private static List<Integer> sizes(Split split) {
    return List.of(split.train().size(), split.validation().size(), split.test().size());
  }
}
