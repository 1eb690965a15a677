package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Verify;
import dev.chainrule.autodiff.graph.Node;
import dev.chainrule.autodiff.graph.ScopePath;

/**
 * A differentiable operation: its forward computation and its backward rule in one class. Every built-in op
 * in {@code dev.chainrule.autodiff.ops} is one, and a user-defined op is written the same way and used
 * exactly like a built-in one.
 *
 * <p>{@link #apply} runs {@link #forward} with grad mode off, so forward computes values only. When grad mode
 * is on and an input needs a gradient, {@code apply} records a {@link Node} that will later call
 * {@link #backward} with {@code g = dL/dy} and expects {@code dL/dx_i} for each input. Backward is written with
 * ordinary tensor operations, so with {@code CREATE_GRAPH} the gradient is itself differentiable. A gradient
 * may have the shape of the output where an input was broadcast: the walker sums it back to the input's
 * shape. One instance serves one application: forward may keep what backward needs in fields, or in
 * {@link #saveForBackward} when the saved tensor's version should be checked.
 *
 * <p>Example, Swish {@code y = x * sigmoid(x)}, with {@code dy/dx = s + x * s * (1 - s)} where
 * {@code s = sigmoid(x)}:
 *
 * <pre>{@code
 * final class Swish extends Function {
 *   private Tensor x;
 *
 *   @Override
 *   protected Tensor forward(Tensor... inputs) {
 *     x = inputs[0];
 *     return x.mul(x.sigmoid());
 *   }
 *
 *   @Override
 *   protected Tensor[] backward(Tensor g) {
 *     Tensor s = x.sigmoid();
 *     return new Tensor[] {g.mul(s.add(x.mul(s).mul(s.neg().add(1))))};
 *   }
 * }
 *
 * Tensor x = Tensor.of(new double[] {-1, 0.5, 2}).requiresGrad();
 * Tensor y = new Swish().apply(x).sum();
 * y.backward();
 * GradCheck.check(in -> new Swish().apply(in[0]), x);   // passes
 * }</pre>
 */
public abstract class Function {
  /** The {@link #gradientFormula} of an input that gets no gradient. */
  public static final String NO_GRADIENT = "none (not differentiable)";

  private Tensor[] saved;
  private int[] savedVersions;
  private boolean applied;
  private boolean recording;
  /** The output, once recorded: what anomaly mode shows when this op's backward produces a NaN. */
  private Tensor output;
  /**
   * Bit {@code i} is set when input {@code i} needed a gradient as this application was recorded (all set when
   * not recorded); a mask rather than an array, so recording a node allocates nothing for it.
   */
  private long inputNeedsGrad = -1L;

  /**
   * Computes the output from the inputs. Runs with grad mode off, so tensor operations here record nothing.
   * Must return a new tensor, not one of the inputs.
   */
  protected abstract Tensor forward(Tensor... inputs);

  /**
   * Given {@code g = dL/dy} (the shape of the output), returns {@code dL/dx_i} for every input, in input order;
   * {@code null} for an input that has no gradient (an index, a mask). Runs with grad mode on only when the
   * caller of backward asked for {@code CREATE_GRAPH}.
   */
  protected abstract Tensor[] backward(Tensor g);

  /** The name shown in errors and graph dumps; the class name unless overridden. */
  public String name() {
    return getClass().getSimpleName();
  }

  /**
   * The local derivative rule in one line of math, shown on op nodes of graph dumps, e.g.
   * {@code d(a*b)/da = b, d(a*b)/db = a}; empty unless overridden. Every built-in op overrides it.
   */
  public String derivativeRule() {
    return "";
  }

  /**
   * The gradient this op sends to input {@code input}, written as a formula over named operands, for the
   * narrated backward pass: {@code dL/dZ @ X^T} for the weight of a matrix product, {@code dL/dY * B} for the
   * first factor of a product. {@code names} names the upstream gradient {@code dL/dY}, the inputs and the
   * output (and shows their shapes when the narration asks for them). The formula is what backward returns
   * before the walker sums it over broadcast axes. An input that gets no gradient (an index, a mask) is
   * {@link #NO_GRADIENT}.
   *
   * <p>Every built-in op overrides it; a custom op that does not gets the generic form
   * {@code Swish.backward(dL/dY)[0]}: its backward applied to the upstream gradient, the result for input 0.
   */
  public String gradientFormula(int input, OperandNames names) {
    return name() + ".backward(" + names.upstream() + ")[" + input + "]";
  }

  /**
   * Whether {@link #forward} accepts an INT64 or BOOL tensor as input {@code input}. False unless an op says
   * otherwise: {@link #apply} then refuses such an input with a message naming the op, since most ops (exp,
   * matmul, convolution) are defined on floating values only. Ops that move or count elements, exact integer
   * arithmetic, and index inputs say true.
   */
  protected boolean acceptsIntegers(int input) {
    return false;
  }

  /**
   * Runs forward and, when grad mode is on and an input needs a gradient, records the node that makes the
   * output differentiable.
   *
   * @throws IllegalStateException if this instance was applied before
   * @throws AnomalyException in {@link AnomalyMode} if an input holds NaN or Inf (it entered here), or the
   *     output does while no input did (this op produced it)
   */
  public final Tensor apply(Tensor... inputs) {
    // Plain checks rather than Preconditions with arguments: this runs once per op, and formatting arguments
    // (the class name, boxed indices) must cost nothing until a check fails.
    if (applied) {
      throw new IllegalStateException(name() + ": a Function instance records one application; create a new one");
    }
    applied = true;
    boolean record = false;
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        throw new NullPointerException(name() + ": input " + i + " is null");
      }
      if (!inputs[i].dtype().isFloatingPoint() && !acceptsIntegers(i)) {
        throw new IllegalArgumentException(name() + ": input " + i + " is " + inputs[i].dtype() + " of shape "
            + inputs[i].shape() + "; this op needs float32 or float64 values (convert with to(DType.FLOAT32))");
      }
      record |= inputs[i].needsGrad();
    }
    GradMode.Flag mode = GradMode.flag();
    boolean wasEnabled = mode.enabled;
    boolean anomaly = mode.anomaly;
    // In anomaly mode a non-finite input is where a NaN entered: this op is blamed, not one inside its forward.
    int entered = anomaly ? AnomalyMode.firstNonFinite(inputs) : -1;
    record &= wasEnabled;
    recording = record;
    Tensor out;
    OpProfile.Timing timing = mode.profile != null ? mode.profile.enter(mode, this, false) : null;
    mode.enabled = false;
    mode.anomaly = anomaly && entered < 0;
    try {
      out = forward(inputs);
    } finally {
      mode.enabled = wasEnabled;
      mode.anomaly = anomaly;
      if (timing != null) {
        timing.exit(mode);
      }
    }
    if (out == null) {
      throw new com.google.common.base.VerifyException(name() + ".forward returned null");
    }
    // An integer or boolean result (a cast to INT64, a comparison) is a constant: only floats carry gradients.
    record &= out.dtype().isFloatingPoint();
    // Recorded even when not recording, so that the exception's dump shows this op.
    if (entered >= 0) {
      throw AnomalyException.entered(this, inputs, entered, attach(inputs, out, mode.scope));
    }
    if (anomaly && !AnomalyMode.allFinite(out)) {
      throw AnomalyException.produced(this, inputs, attach(inputs, out, mode.scope));
    }
    return record ? attach(inputs, out, mode.scope) : out;
  }

  /**
   * Records the node that makes {@code out} differentiable, in the {@link GraphScope} open; returns the tensor
   * that carries it.
   */
  private Tensor attach(Tensor[] inputs, Tensor out, ScopePath scope) {
    for (Tensor input : inputs) {
      if (input == out) {
        out = out.shareStorage();
        break;
      }
    }
    Verify.verify(out.gradFn() == null, "%s.forward returned a tensor that already has a graph", this);
    long mask = 0;
    for (int i = 0; i < Math.min(inputs.length, Long.SIZE); i++) {
      mask |= inputs[i].needsGrad() ? 1L << i : 0;
    }
    inputNeedsGrad = mask;
    out.attach(new Node(this, inputs, out, this::runBackward, scope));
    output = out;
    return out;
  }

  /**
   * Keeps tensors for backward and remembers their versions; {@link #saved} refuses one that was changed in
   * place since. Does nothing when this application is not recorded, since backward will never run.
   */
  protected final void saveForBackward(Tensor... tensors) {
    if (!recording) {
      return;
    }
    saved = tensors.clone();
    savedVersions = new int[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      savedVersions[i] = tensors[i].version();
    }
  }

  /**
   * Whether this application is recorded in the graph, so backward may run: false under {@link GradMode#off} or
   * when no input needs a gradient. A forward may then skip what only backward reads (max pooling's arg-max).
   */
  protected final boolean isRecorded() {
    return recording;
  }

  /**
   * Whether input {@code index} needed a gradient when this application was recorded, like PyTorch's
   * {@code ctx.needs_input_grad}. Backward may return {@code null} for an input that did not, and skip computing
   * it: the gradient of a network's input, for instance, is a whole matrix product nobody reads.
   */
  protected final boolean needsInputGrad(int index) {
    return index >= Long.SIZE || (inputNeedsGrad >>> index & 1) != 0; // past 64 inputs: assume needed
  }

  /**
   * A tensor kept by {@link #saveForBackward}.
   *
   * @throws IllegalStateException if it was modified in place after forward
   */
  protected final Tensor saved(int index) {
    checkArgument(saved != null && index >= 0 && index < saved.length, "%s: nothing saved at %s", name(), index);
    Tensor t = saved[index];
    checkState(t.version() == savedVersions[index],
        "%s: saved tensor %s of shape %s was modified in place after forward (version %s, now %s);"
            + " backward would use the wrong value", name(), index, t.shape(), savedVersions[index], t.version());
    return t;
  }

  /**
   * Runs {@link #backward}. In anomaly mode the ops it applies are not checked one by one; instead a non-finite
   * gradient made from a finite {@code g} blames this op.
   */
  private Tensor[] runBackward(Tensor g) {
    GradMode.Flag mode = GradMode.flag();
    boolean anomaly = mode.anomaly;
    Tensor[] grads;
    OpProfile.Timing timing = mode.profile != null ? mode.profile.enter(mode, this, true) : null;
    mode.anomaly = false;
    try {
      grads = backward(g);
    } finally {
      mode.anomaly = anomaly;
      if (timing != null) {
        timing.exit(mode);
      }
    }
    Verify.verifyNotNull(grads, "%s.backward returned null", this);
    if (anomaly && AnomalyMode.allFinite(g)) {
      int bad = AnomalyMode.firstNonFinite(grads);
      if (bad >= 0) {
        throw AnomalyException.producedInBackward(this, output, g, grads, bad);
      }
    }
    return grads;
  }

  @Override
  public String toString() {
    return name();
  }

  /** Drops what forward kept, once the graph through this op is freed. */
  public final void release() {
    saved = null;
    output = null;
  }
}
