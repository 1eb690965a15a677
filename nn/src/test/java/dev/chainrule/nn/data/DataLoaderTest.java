package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

  /** Sample i has features (i, -i) and label i, so a batch shows which samples it holds and that rows match. */
  private static TensorDataset numbered(int n) {
    float[] features = new float[2 * n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      features[2 * i] = i;
      features[2 * i + 1] = -i;
      labels[i] = i;
    }
    return new TensorDataset(Tensor.of(features, n, 2), Tensor.of(labels, n));
  }

  /** The sample ids of one epoch, batch by batch, checking that features and labels stay paired. */
  private static List<int[]> epochIds(Iterable<Batch> epoch) {
    List<int[]> batches = new ArrayList<>();
    for (Batch batch : epoch) {
      int[] ids = new int[batch.size()];
      for (int r = 0; r < ids.length; r++) {
        ids[r] = (int) batch.labels().get(r);
        assertEquals(ids[r], batch.features().get(2 * r));
        assertEquals(-ids[r], batch.features().get(2 * r + 1));
      }
      batches.add(ids);
    }
    return batches;
  }

  private static int[] flat(List<int[]> batches) {
    return batches.stream().flatMapToInt(Arrays::stream).toArray();
  }

  @Property(tries = 300)
  void everySampleExactlyOncePerEpoch(@ForAll @IntRange(min = 0, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 40) int batchSize, @ForAll boolean dropLast, @ForAll boolean shuffle,
      @ForAll long seed) {
    DataLoader.Builder builder = DataLoader.builder(numbered(n)).batchSize(batchSize).dropLast(dropLast);
    if (shuffle) {
      builder.shuffle(seed);
    }
    DataLoader loader = builder.build();
    for (int epoch = 0; epoch < 3; epoch++) {
      List<int[]> batches = epochIds(loader);
      assertEquals(loader.batchCount(), batches.size());
      int full = n / batchSize;
      int seen = dropLast ? full * batchSize : n;
      for (int b = 0; b < batches.size(); b++) {
        int expected = b < full ? batchSize : n - full * batchSize;
        assertEquals(expected, batches.get(b).length, "batch " + b);
      }
      int[] ids = flat(batches);
      assertEquals(seen, ids.length);
      assertEquals(seen, Arrays.stream(ids).distinct().count(), "a sample came twice");
      if (!dropLast) {
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
          assertEquals(i, sorted[i]);
        }
      }
    }
  }

  @Test
  void batchShapesAndTheLastPartialBatch() {
    DataLoader keep = DataLoader.builder(numbered(10)).batchSize(4).build();
    assertEquals(3, keep.batchCount());
    List<Shape> shapes = new ArrayList<>();
    for (Batch batch : keep) {
      shapes.add(batch.features().shape());
      assertEquals(Shape.of(batch.size()), batch.labels().shape());
    }
    assertEquals(List.of(Shape.of(4, 2), Shape.of(4, 2), Shape.of(2, 2)), shapes);

    DataLoader drop = DataLoader.builder(numbered(10)).batchSize(4).dropLast(true).build();
    assertEquals(2, drop.batchCount());
    List<int[]> batches = epochIds(drop);
    assertEquals(2, batches.size());
    assertArrayEquals(new int[] {0, 1, 2, 3}, batches.get(0));
    assertArrayEquals(new int[] {4, 5, 6, 7}, batches.get(1));
  }

  @Test
  void withoutShuffleSamplesComeInIndexOrder() {
    DataLoader loader = DataLoader.builder(numbered(7)).batchSize(3).build();
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, flat(epochIds(loader)));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, flat(epochIds(loader)));
  }

  @Test
  void sameSeedSameOrdersOnEveryRunAndANewOrderEachEpoch() {
    DataLoader first = DataLoader.builder(numbered(50)).batchSize(8).shuffle(42).build();
    DataLoader second = DataLoader.builder(numbered(50)).batchSize(8).shuffle(42).build();
    List<int[]> orders = new ArrayList<>();
    for (int epoch = 0; epoch < 4; epoch++) {
      int[] order = flat(epochIds(first));
      assertArrayEquals(order, flat(epochIds(second)), "epoch " + epoch);
      orders.add(order);
    }
    for (int a = 0; a < orders.size(); a++) {
      for (int b = a + 1; b < orders.size(); b++) {
        assertFalse(Arrays.equals(orders.get(a), orders.get(b)), "epochs " + a + " and " + b + " share an order");
      }
    }
    int[] identity = flat(epochIds(DataLoader.builder(numbered(50)).batchSize(8).build()));
    assertFalse(Arrays.equals(identity, orders.get(0)), "shuffle left the samples in index order");

    DataLoader otherSeed = DataLoader.builder(numbered(50)).batchSize(8).shuffle(43).build();
    assertFalse(Arrays.equals(orders.get(0), flat(epochIds(otherSeed))));
  }

  @Test
  void anEpochCanBeReplayedByNumber() {
    DataLoader loader = DataLoader.builder(numbered(30)).batchSize(7).shuffle(5).build();
    List<int[]> iterated = new ArrayList<>();
    for (int epoch = 0; epoch < 3; epoch++) {
      iterated.add(flat(epochIds(loader)));
    }
    for (int epoch = 2; epoch >= 0; epoch--) {
      assertArrayEquals(iterated.get(epoch), flat(epochIds(loader.epoch(epoch))), "epoch " + epoch);
    }
    assertArrayEquals(flat(epochIds(loader.epoch(3))), flat(epochIds(loader)), "epoch() moved the counter");
  }

  @Test
  void anExhaustedEpochSaysSo() {
    Iterator<Batch> batches = DataLoader.builder(numbered(3)).batchSize(2).build().iterator();
    batches.next();
    batches.next();
    assertFalse(batches.hasNext());
    NoSuchElementException e = assertThrows(NoSuchElementException.class, batches::next);
    assertTrue(e.getMessage().contains("2 batches of epoch 0"), e.getMessage());
  }

  @Test
  void badOptionsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataLoader.builder(numbered(3)).batchSize(0));
    assertTrue(e.getMessage().contains("batchSize must be >= 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(3)));
    assertTrue(e.getMessage().contains("(4 != 3)"), e.getMessage());
  }

  @Test
  void threadsIteratingOneLoaderEachTakeTheirOwnEpoch() throws Exception {
    DataLoader loader = DataLoader.builder(numbered(50)).batchSize(10).shuffle(9).build();
    int threads = 8;
    int iterations = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < iterations; i++) {
            loader.iterator();
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    // every one of the 2400 iterations took an epoch number of its own, so the next one is epoch 2400
    assertArrayEquals(flat(epochIds(loader.epoch(threads * iterations))), flat(epochIds(loader)));
  }
}
