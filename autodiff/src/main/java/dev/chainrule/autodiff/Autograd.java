package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.graph.Backprop;
import java.util.ArrayList;
import java.util.List;

/**
 * Functional gradients: {@code dL/dx} returned rather than added into {@code x.grad()}, like
 * {@code torch.autograd.grad}. With {@code createGraph} the returned gradients are themselves differentiable,
 * which gives Hessian-vector products:
 *
 * <pre>{@code
 * Tensor g = Autograd.grad(loss, List.of(w), true).get(0);   // dL/dw, recorded
 * Tensor hv = Autograd.grad(g.mul(v).sum(), List.of(w), false).get(0);   // H v
 * }</pre>
 */
public final class Autograd {
  private Autograd() {}

  /**
   * The gradients of a one-element {@code output} with respect to {@code inputs}; an input the output does
   * not depend on gets zeros. The graph is kept when {@code createGraph}, freed otherwise.
   */
  public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
    checkArgument(output.size() == 1, "grad: output of shape %s is not a one-element tensor; pass upstream"
        + " gradients with grad(outputs, upstreams, inputs, createGraph)", output.shape());
    return grad(List.of(output), List.of(Tensor.ones(output.dtype(), output.shape().dims())), inputs, createGraph);
  }

  /** The gradients of {@code sum_i <upstream_i, output_i>} with respect to {@code inputs}. */
  public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> upstreams, List<Tensor> inputs,
      boolean createGraph) {
    checkArgument(outputs.size() == upstreams.size(), "grad: %s outputs but %s upstream gradients",
        outputs.size(), upstreams.size());
    for (int i = 0; i < outputs.size(); i++) {
      checkArgument(outputs.get(i).shape().equals(upstreams.get(i).shape()), "grad: output %s has shape %s but"
          + " its upstream gradient has shape %s", i, outputs.get(i).shape(), upstreams.get(i).shape());
    }
    return new ArrayList<>(Backprop.grad(outputs, upstreams, inputs, createGraph, createGraph));
  }
}
