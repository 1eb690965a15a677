package dev.chainrule.autodiff.testing;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.graph.Backprop;
import dev.chainrule.autodiff.graph.BackwardListener;
import dev.chainrule.autodiff.graph.Node;
import java.util.ArrayList;
import java.util.List;

/** The gradient contributions one tensor receives in a backward walk, in the order they arrive. */
public final class ContributionsTo {
  private ContributionsTo() {}

  /** One contribution: the tensor sent, and its values when it was sent (to show it was not changed later). */
  public record Arrival(Tensor tensor, double[] valuesOnArrival) {}

  /** Runs {@code backward} and returns the contributions sent to {@code target}. */
  public static List<Arrival> record(Tensor target, Runnable backward) {
    List<Arrival> received = new ArrayList<>();
    Backprop.observe(new BackwardListener() {
      @Override
      public void seed(Tensor root, Tensor upstream) {}

      @Override
      public void contribution(Node node, int inputIndex, Tensor input, Tensor upstream, Tensor returned,
          Tensor contribution) {
        if (input == target) {
          received.add(new Arrival(contribution, contribution.toDoubleArray()));
        }
      }

      @Override
      public void leafTotal(Tensor leaf, Tensor total) {}
    }, backward);
    return received;
  }
}
