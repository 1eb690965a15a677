package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.layers.BatchNorm1d;
import dev.chainrule.nn.layers.Dropout;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The shared mode set by train/eval, and the per-thread evaluation scope. */
class ModuleModeTest {
  private static Sequential model() {
    Rng rng = new Rng(1);
    return new Sequential(new Linear(3, 8, rng), new BatchNorm1d(8), new ReLU(), new Dropout(0.5, rng),
        new Linear(8, 2, rng));
  }

  @Test
  void evaluatingTurnsTrainingOffOnThisThreadOnlyAndRestoresOnClose() throws Exception {
    Sequential model = model();
    try (var eval = Module.evaluating()) {
      for (Module m : model.modules()) {
        assertFalse(m.isTraining(), m.scopeName());
      }
      boolean otherThreadSees = CompletableFuture.supplyAsync(model::isTraining).get(1, TimeUnit.MINUTES);
      assertTrue(otherThreadSees, "another thread must still see the model's own mode");
      try (var nested = Module.evaluating()) {
        assertFalse(model.isTraining());
      }
      assertFalse(model.isTraining(), "closing a nested scope must keep the enclosing one");
    }
    assertTrue(model.isTraining());
    model.eval();
    try (var eval = Module.evaluating()) {
      assertFalse(model.isTraining());
    }
    assertFalse(model.isTraining(), "the scope must not turn a model in eval mode back to training");
  }

  @Test
  void insideTheScopeDropoutIsOffAndBatchNormUsesItsRunningStatisticsWithoutUpdatingThem() {
    Sequential model = model();
    Tensor x = Tensor.uniform(new Rng(2), -1, 1, 5, 3);
    model.eval();
    double[] inEvalMode = model.call(x).toDoubleArray();
    model.train();
    double[] mean = ((BatchNorm1d) model.get(1)).runningMean().toDoubleArray();
    try (var eval = Module.evaluating()) {
      assertArrayEquals(inEvalMode, model.call(x).toDoubleArray(), 0.0);
    }
    assertArrayEquals(mean, ((BatchNorm1d) model.get(1)).runningMean().toDoubleArray(), 0.0);
    assertNotEquals(List.of(inEvalMode), List.of(model.call(x).toDoubleArray()), "training mode is back");
  }

  @Test
  void trainFromSeveralThreadsNeverLeavesAMixOfModes() throws Exception {
    List<Module> layers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      layers.add(new ReLU());
    }
    Sequential model = new Sequential(layers.toArray(Module[]::new));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 200; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> switches = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          boolean on = t % 2 == 0;
          switches.add(pool.submit(() -> {
            start.await();
            return model.train(on);
          }));
        }
        start.countDown();
        for (Future<?> f : switches) {
          f.get(1, TimeUnit.MINUTES);
        }
        Set<Boolean> modes = new HashSet<>();
        model.modules().forEach(m -> modes.add(m.isTraining()));
        assertEquals(1, modes.size(), "round " + round + ": some modules train, others do not");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSummaryRecordsOnlyItsOwnPassWhileAnotherThreadRunsTheModel() throws Exception {
    Sequential model = model();
    AtomicBoolean done = new AtomicBoolean();
    Future<?> other = CompletableFuture.runAsync(() -> {
      try (var off = GradMode.off()) {
        while (!done.get()) {
          model.call(Tensor.zeros(7, 3));
        }
      }
    });
    try {
      for (int i = 0; i < 300; i++) {
        for (Summary.Row row : model.summary(2, 3).rows()) {
          assertEquals(2, row.outputShape().dim(0), "pass " + i + ": " + row.name() + " shows another thread's batch");
        }
        assertTrue(model.isTraining(), "the summary switched the shared mode");
      }
    } finally {
      done.set(true);
      other.get(1, TimeUnit.MINUTES);
    }
  }

  @Test
  void forwardWithSubstitutesOnlyForItsOwnThread() throws Exception {
    Linear model = new Linear(3, 2, new Rng(4));
    Tensor x = Tensor.ones(4, 3);
    double[] expected;
    try (var off = GradMode.off()) {
      expected = model.call(x).toDoubleArray();
    }
    AtomicBoolean done = new AtomicBoolean();
    Future<Integer> other = CompletableFuture.supplyAsync(() -> {
      int wrong = 0;
      try (var off = GradMode.off()) {
        while (!done.get()) {
          if (!Arrays.equals(expected, model.call(x).toDoubleArray())) {
            wrong++;
          }
        }
      }
      return wrong;
    });
    Tensor zeros = Tensor.zeros(2, 3);
    try (var off = GradMode.off()) {
      for (int i = 0; i < 2000; i++) {
        double[] substituted = model.forwardWith(Map.of("weight", zeros), x).toDoubleArray();
        assertEquals(model.bias().get(0), substituted[0], 0.0, "the substitute is used on its own thread");
      }
    } finally {
      done.set(true);
    }
    assertEquals(0, other.get(1, TimeUnit.MINUTES), "passes on another thread that saw the substitute");
  }
}
