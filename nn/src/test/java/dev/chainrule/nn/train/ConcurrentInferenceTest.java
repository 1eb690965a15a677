package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.layers.BatchNorm1d;
import dev.chainrule.nn.layers.Dropout;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Servers call predict and evaluate on one model from many threads: each call must be the single-threaded one. */
class ConcurrentInferenceTest {
  private static final int THREADS = 8;
  private static final int CALLS = 200;

  /** Dropout at 0.5 and batch norm: both answer to the mode, so a call in training mode shows in its output. */
  private static Sequential model() {
    Rng rng = new Rng(11);
    return new Sequential(new Linear(2, 16, rng), new BatchNorm1d(16), new ReLU(), new Dropout(0.5, rng),
        new Linear(16, 2, rng));
  }

  private static Tensor input(int i) {
    return Tensor.uniform(new Rng(100 + i), -2, 2, 4, 2);
  }

  /** Runs {@code call(i)} for CALLS values of i on each of THREADS threads started together. */
  private static <T> List<List<T>> onThreads(IntFunction<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<List<T>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<List<T>> work = () -> {
          start.await();
          List<T> out = new ArrayList<>();
          for (int i = 0; i < CALLS; i++) {
            out.add(call.apply((thread * 7 + i) % CALLS));
          }
          return out;
        };
        futures.add(pool.submit(work));
      }
      List<List<T>> results = new ArrayList<>();
      for (Future<List<T>> f : futures) {
        results.add(f.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Trainer trainer(Module model) {
    return Fixtures.classificationTrainer(model, 0.1).build();
  }

  @Test
  void concurrentPredictionsEqualSingleThreadedOnesAndLeaveTheModeAlone() throws Exception {
    Sequential model = model();
    Trainer trainer = trainer(model);
    double[][] expected = new double[CALLS][];
    for (int i = 0; i < CALLS; i++) {
      expected[i] = trainer.predict(input(i)).toDoubleArray();
    }
    double[] runningMean = ((BatchNorm1d) model.get(1)).runningMean().toDoubleArray();
    AtomicInteger flippedSeen = new AtomicInteger();
    List<List<double[]>> results = onThreads(i -> {
      double[] got = trainer.predict(input(i)).toDoubleArray();
      if (!model.isTraining()) {
        flippedSeen.incrementAndGet();
      }
      return join(i, got);
    });
    for (List<double[]> thread : results) {
      for (double[] r : thread) {
        int i = (int) r[0];
        assertArrayEquals(expected[i], java.util.Arrays.copyOfRange(r, 1, r.length), 0.0, "prediction " + i);
      }
    }
    assertEquals(0, flippedSeen.get(), "calls that saw the shared model switched to eval mode by another thread");
    for (Module m : model.modules()) {
      assertTrue(m.isTraining(), m.scopeName() + " left in eval mode");
    }
    assertArrayEquals(runningMean, ((BatchNorm1d) model.get(1)).runningMean().toDoubleArray(), 0.0,
        "inference must not move the running statistics");
  }

  @Test
  void aModelInEvalModeStaysInEvalMode() throws Exception {
    Sequential model = model();
    model.eval();
    Trainer trainer = trainer(model);
    double[] expected = trainer.predict(input(0)).toDoubleArray();
    List<List<double[]>> results = onThreads(i -> trainer.predict(input(0)).toDoubleArray());
    results.forEach(thread -> thread.forEach(r -> assertArrayEquals(expected, r, 0.0)));
    for (Module m : model.modules()) {
      assertFalse(m.isTraining(), m.scopeName());
    }
  }

  @Test
  void concurrentEvaluationsEqualTheSingleThreadedOne() throws Exception {
    Sequential model = model();
    Trainer trainer = trainer(model);
    DataLoader data = DataLoader.builder(Fixtures.blobs(40, 5)).batchSize(8).build();
    Evaluation expected = trainer.evaluate(data);
    List<List<Evaluation>> results = onThreads(i -> trainer.evaluate(data));
    for (List<Evaluation> thread : results) {
      for (Evaluation e : thread) {
        assertEquals(expected, e);
      }
    }
    assertTrue(model.isTraining());
  }

  private static double[] join(int i, double[] values) {
    double[] out = new double[values.length + 1];
    out[0] = i;
    System.arraycopy(values, 0, out, 1, values.length);
    return out;
  }
}
