package dev.chainrule.autodiff.ops.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.BackwardTrace;
import dev.chainrule.autodiff.dump.GraphDump;
import org.junit.jupiter.api.Test;

/** A pooled graph dumps with each pool op's rule, and the narrated backward writes its gradient formula. */
class PoolDumpTest {

  @Test
  void dumpsAndTheNarrationShowThePoolOpsRules() {
    Tensor x = Tensor.of(new double[] {1, 5, 2, 0, 3, 4, 8, 6, 7, 2, 1, 0, 9, 3, 5, 4}, 1, 1, 4, 4).requiresGrad()
        .named("x");
    Tensor loss = Pool.avgPool2d(Pool.maxPool2d(Pad.pad(x, PadMode.REFLECT, 1, 1, 1, 1), 2), 3).sum();
    String text = GraphDump.of(loss).toText();
    for (String rule : new String[] {"WindowMax", "dL/dx = g scattered to each window's arg-max", "WindowMean",
        "TakeAt", "dL/dx[i] = sum of g[e] over map[e] = i"}) {
      assertTrue(text.contains(rule), "no " + rule + " in\n" + text);
    }
    String narration = BackwardTrace.record(loss::backward).toString();
    for (String formula : new String[] {"scatterAt(", "argmax of each window of", "spread(", "divisor"}) {
      assertTrue(narration.contains(formula), "no " + formula + " in\n" + narration);
    }
  }
}
