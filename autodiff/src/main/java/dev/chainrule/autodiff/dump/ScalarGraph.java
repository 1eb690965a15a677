package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autodiff.BackwardOption;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.Recorded.Step;
import dev.chainrule.autodiff.graph.Node;
import java.util.List;

/**
 * One small recorded tensor op shown as the scalar operations it performs: the bridge from scalar graphs to
 * tensors. Each element of each operand becomes a one-element leaf ({@code A[0,1]}), the op is replayed on those
 * leaves with the same autodiff ops (for a matrix product {@code y[i,j] = sum_k A[i,k] * B[k,j]}: every product
 * and every partial sum is a node), each output element is a node ({@code y[0,1]}), and an {@code Assemble}
 * node gathers them into a tensor of the original shape. So the scalar graph is an ordinary chainrule graph:
 * {@link #dump()} draws it in every format, and {@link #backward} with the original upstream gradient gives every
 * scalar node its gradient, which {@link #inputGrad} gathers back into the original operand's shape: the same
 * numbers as the tensor op's backward.
 *
 * <pre>{@code
 * Tensor y = a.matmul(b);                          // a (2, 3), b (3, 2), both requiresGrad
 * ScalarGraph scalars = ScalarGraph.explode(y);    // 12 leaves, 12 products, 8 additions, 4 outputs
 * scalars.backward(Tensor.ones(2, 2));
 * scalars.dump().toMermaid();                      // values and gradients on every scalar node
 * scalars.inputGrad(0);                            // equals a.grad() after y.backward(Tensor.ones(2, 2))
 * }</pre>
 *
 * <p>Supported: {@value ScalarReplay#SUPPORTED}, each with at most {@value #MAX_ELEMENTS} elements in every
 * operand and in the output. Leaves need a gradient where the original operand did; all other scalar nodes
 * retain their gradients. An op reading one tensor twice ({@code x * x}) reads one set of leaves twice.
 */
public final class ScalarGraph {
  /** The most elements an operand or the output of an exploded op may have. */
  public static final int MAX_ELEMENTS = 64;

  private final Tensor[][] leaves;
  private final Shape[] shapes;
  private final Tensor output;
  private final GraphDump dump;

  private ScalarGraph(Tensor[][] leaves, Shape[] shapes, Tensor output) {
    this.leaves = leaves;
    this.shapes = shapes;
    this.output = output;
    this.dump = GraphDump.of(output);
  }

  /**
   * The scalar graph of the op that made {@code tensor}, which must still be recorded (explode before
   * backward).
   *
   * @throws IllegalArgumentException if {@code tensor} was made by no recorded op, by an op that cannot be
   *     exploded, or has (or an operand has) more than {@value #MAX_ELEMENTS} elements
   * @throws IllegalStateException if backward already freed the op's node
   */
  public static ScalarGraph explode(Tensor tensor) {
    checkNotNull(tensor, "explode: tensor is null");
    Node node = tensor.gradFn();
    checkArgument(node != null, "explode: the tensor %s was made by no recorded op (a leaf, or computed with grad"
        + " mode off or from inputs that need no gradient); explode the output of an op on requiresGrad inputs",
        tensor.shape());
    checkState(!node.isFreed(), "explode: the graph through %s was freed by backward; explode before backward",
        node);
    Function op = node.function();
    checkArgument(ScalarReplay.supports(op), "explode: %s cannot be shown as scalars; the ops that can are %s",
        op.name(), ScalarReplay.SUPPORTED);
    checkSize(op.name() + "'s output", tensor.shape());
    List<Tensor> inputs = node.inputs();
    Tensor[][] leaves = new Tensor[inputs.size()][];
    Shape[] shapes = new Shape[inputs.size()];
    try (var on = GradMode.on()) {
      for (int i = 0; i < inputs.size(); i++) {
        Tensor input = inputs.get(i);
        shapes[i] = input.shape();
        checkSize(op.name() + "'s operand " + i, shapes[i]);
        int same = 0;
        while (inputs.get(same) != input) {
          same++;
        }
        if (same < i) {
          leaves[i] = leaves[same]; // x * x: one set of leaves, read twice
          continue;
        }
        String base = input.label() != null ? input.label() : ScalarReplay.defaultName(op, i);
        leaves[i] = new Tensor[input.size()];
        int[] index = new int[shapes[i].rank()];
        for (int e = 0; e < input.size(); e++) {
          ScalarReplay.unflatten(e, shapes[i], index);
          leaves[i][e] = Tensor.scalar(input.dtype(), input.get(e)).named(base + element(index))
              .requiresGrad(input.needsGrad());
        }
      }
      Tensor[] outputs = ScalarReplay.replay(op, tensor.shape(), leaves, shapes);
      String base = tensor.label() != null ? tensor.label() : "y";
      int[] index = new int[tensor.rank()];
      for (int e = 0; e < outputs.length; e++) {
        if (!outputs[e].isLeaf()) {
          ScalarReplay.unflatten(e, tensor.shape(), index);
          outputs[e].named(base + element(index));
        }
      }
      Tensor assembled = new Assemble(tensor.shape()).apply(outputs).named(base);
      for (Step step : Recorded.from(assembled).steps()) {
        step.output().retainGrad();
      }
      return new ScalarGraph(leaves, shapes, assembled);
    }
  }

  private static void checkSize(String what, Shape shape) {
    checkArgument(shape.size() <= MAX_ELEMENTS, "explode: %s has shape %s, %s elements; at most %s can be shown"
        + " as scalars: explode a smaller example", what, shape, shape.size(), MAX_ELEMENTS);
  }

  /** {@code [0,1]} for a multi-index, nothing for a scalar's empty one. */
  private static String element(int[] index) {
    if (index.length == 0) {
      return "";
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < index.length; i++) {
      out.append(i == 0 ? "" : ",").append(index[i]);
    }
    return out.append(']').toString();
  }

  /** The scalar graph's result: the original op's output, assembled from the scalar outputs. */
  public Tensor output() {
    return output;
  }

  /** The one-element leaves of operand {@code input}, row-major. */
  public List<Tensor> leaves(int input) {
    checkArgument(input >= 0 && input < leaves.length, "explode: operand %s out of range for %s operands", input,
        leaves.length);
    return List.of(leaves[input]);
  }

  /**
   * The gradients of operand {@code input}'s leaves gathered into its shape, or null before backward or when the
   * operand needs no gradient.
   */
  public Tensor inputGrad(int input) {
    List<Tensor> scalars = leaves(input);
    if (scalars.get(0).grad() == null) {
      return null;
    }
    double[] grads = new double[scalars.size()];
    for (int i = 0; i < grads.length; i++) {
      grads[i] = scalars.get(i).grad().item();
    }
    return Tensor.of(scalars.get(0).grad().dtype(), grads, shapes[input].dims());
  }

  /** Runs backward from {@link #output()} with {@code upstream}, the gradient of the original op's output. */
  public void backward(Tensor upstream, BackwardOption... options) {
    checkNotNull(upstream, "explode: upstream gradient is null");
    checkArgument(upstream.shape().equals(output.shape()), "explode: upstream gradient has shape %s; the output"
        + " has shape %s", upstream.shape(), output.shape());
    output.backward(upstream, options);
  }

  /** The dump of the scalar graph, made when it was built; render it after {@link #backward} for gradients. */
  public GraphDump dump() {
    return dump;
  }
}
