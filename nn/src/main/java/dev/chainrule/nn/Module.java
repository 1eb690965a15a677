package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.GraphScope;
import dev.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A piece of a network: a {@link #forward} computation over named parameters (trained), buffers (saved but not
 * trained, e.g. running statistics) and submodules, like PyTorch's {@code nn.Module}.
 *
 * <p>A subclass registers its state in its constructor, in the order it should be listed, and reads it back in
 * {@code forward} through {@link #parameter(String)} and {@link #buffer(String)} rather than through cached
 * fields, so that {@link #forwardWith} can substitute parameters. A container runs its submodules through
 * {@link #call}, which is {@code forward} plus the observation that {@link #summary} relies on. A module with
 * several inputs or outputs keeps {@code forward(Tensor)} for its most common use and adds typed methods over
 * records that run through {@link #invoke}, which does for them what {@code call} does for {@code forward}.
 *
 * <p>Names: parameters, buffers and submodules of one module share one namespace; a nested entry's name is the
 * path of submodule names joined by dots, e.g. {@code encoder.1.bias}.
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  /** Serialises {@link #train(boolean)} calls, so two threads switching overlapping trees never leave a mix. */
  private static final Object MODE_LOCK = new Object();

  private volatile boolean training = true;
  /** The graph scope {@link #call} enters: set when a parent registers this module, else the class name. */
  private String scopeName;

  /** The output of this module for {@code input}; built from tensor operations only. */
  public abstract Tensor forward(Tensor input);

  /**
   * {@link #forward} inside a {@link GraphScope} named after this module, then reports the output to the observer
   * set by {@link #summary}, if any. The scope's name is the module's name in its parent and its type, as in
   * {@link #summary}'s rows, e.g. {@code 0 (Linear)}, or the type alone for a module no parent registered; a
   * graph dump groups the nodes recorded inside into a cluster of that name. A caller error (an
   * {@code IllegalArgumentException} or {@code IllegalStateException}) raised inside is rethrown with the same
   * type, the original as its cause, and the module path in front of its message, e.g.
   * {@code Sequential / 2 (Linear): input of shape (32, 1, 8, 8) must have 64 features ...}. Safe to call from several threads
   * at once when nothing trains meanwhile: it reads the parameters and buffers, and writes only what the layer
   * writes in training mode (dropout's random stream, batch norm's running statistics). It is
   * {@code invoke(() -> forward(input))}; see {@link #invoke} for modules with more inputs or outputs.
   */
  public final Tensor call(Tensor input) {
    return invoke(() -> forward(input));
  }

  /**
   * Runs {@code body} as {@link #call} runs {@code forward}: inside this module's {@link GraphScope}, with caller
   * errors annotated with the module path, and its result reported to {@link #summary}'s observer. This is how a
   * module with more than one input or output offers its typed methods: {@code forward(Tensor)} stays its most
   * common single-tensor use (what {@code Sequential} calls; for a recurrent layer, the output sequence from a
   * zero initial state), and each further public method takes and returns records, e.g.
   *
   * <pre>{@code
   * public Output call(Tensor input, State initial) {
   *   return invoke(() -> run(input, initial));
   * }
   * }</pre>
   *
   * <p>The result may be a {@link Tensor} or a record; {@link Summary} shows the shapes of a record's tensor
   * components and of the tensor components of its record components, e.g. an LSTM's
   * {@code Output(output, State(h, c))} as {@code (32, 28, 64), h (1, 32, 64), c (1, 32, 64)}. The body must not
   * itself go through {@code invoke} or {@code call} of this module (a second scope of the same name), but calls
   * its submodules through theirs.
   */
  protected final <R> R invoke(Supplier<R> body) {
    R output;
    try (var scope = GraphScope.enter(scopeName())) {
      output = body.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ModulePath.annotate(this, e);
    }
    Summary.observe(this, output);
    return output;
  }

  /** The name of the graph scope {@link #call} enters, e.g. {@code 0 (Linear)}. */
  public final String scopeName() {
    return scopeName != null ? scopeName : getClass().getSimpleName();
  }

  // ---------------------------------------------------------------- registration

  /**
   * Registers a trained tensor, which must be a leaf; marks it {@code requiresGrad}, labels it {@code name}
   * for graph dumps unless it already has a label, and returns it.
   */
  protected final Tensor registerParameter(String name, Tensor value) {
    checkNewName(name);
    parameters.put(name, checkNotNull(value, "registerParameter: %s is null", name).requiresGrad());
    if (value.label() == null) {
      value.named(name);
    }
    return value;
  }

  /** Registers saved, untrained state; it is changed only in place (copyFrom under no-grad). Returns it. */
  protected final Tensor registerBuffer(String name, Tensor value) {
    checkNewName(name);
    buffers.put(name, checkNotNull(value, "registerBuffer: %s is null", name));
    return value;
  }

  /**
   * Registers a submodule and returns it. Its graph scope is named {@code name (Type)}; a module registered in
   * two parents keeps the first name.
   */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkNewName(name);
    checkArgument(module != this, "registerModule: a module cannot contain itself (%s)", name);
    children.put(name, checkNotNull(module, "registerModule: %s is null", name));
    Module child = module;
    if (child.scopeName == null) {
      child.scopeName = name + " (" + child.getClass().getSimpleName() + ")";
    }
    return module;
  }

  private void checkNewName(String name) {
    checkNotNull(name, "register: name must not be null");
    checkArgument(!name.isEmpty() && !name.contains("."), "register: name '%s' must be non-empty without dots",
        name);
    checkArgument(!parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
        "register: %s already has an entry named '%s'", getClass().getSimpleName(), name);
  }

  /** This module's own parameter {@code name}, or the tensor {@link #forwardWith} substitutes for it. */
  protected final Tensor parameter(String name) {
    Tensor substitute = ParameterSubstitution.lookup(this, name);
    if (substitute != null) {
      return substitute;
    }
    Tensor p = parameters.get(name);
    checkState(p != null, "%s has no parameter '%s'", getClass().getSimpleName(), name);
    return p;
  }

  /** This module's own buffer {@code name}. */
  protected final Tensor buffer(String name) {
    Tensor b = buffers.get(name);
    checkState(b != null, "%s has no buffer '%s'", getClass().getSimpleName(), name);
    return b;
  }

  // ---------------------------------------------------------------- traversal

  /** Every parameter, own first, then each submodule's depth-first in registration order; shared ones once. */
  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Every parameter by dotted name, in the order of {@link #parameters()}; a shared one under its first name. */
  public final LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect("", true, false, out);
    out.values().removeIf(t -> !seen.add(t));
    return out;
  }

  /**
   * Parameters and buffers by dotted name (per module: its parameters, its buffers, then its submodules), the
   * live tensors, not copies, as PyTorch's {@code state_dict}: copy them to keep a snapshot.
   */
  public final LinkedHashMap<String, Tensor> stateDict() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    collect("", true, true, out);
    return out;
  }

  private void collect(String prefix, boolean withParameters, boolean withBuffers, Map<String, Tensor> out) {
    if (withParameters) {
      parameters.forEach((name, p) -> out.put(prefix + name, p));
    }
    if (withBuffers) {
      buffers.forEach((name, b) -> out.put(prefix + name, b));
    }
    children.forEach((name, child) -> child.collect(prefix + name + ".", withParameters, withBuffers, out));
  }

  /** The direct submodules by name, in registration order. */
  public final LinkedHashMap<String, Module> namedChildren() {
    return new LinkedHashMap<>(children);
  }

  /** The direct submodules, in registration order. */
  public final List<Module> children() {
    return new ArrayList<>(children.values());
  }

  /** This module and all its descendants, depth-first, parents before children. */
  public final List<Module> modules() {
    List<Module> out = new ArrayList<>();
    out.add(this);
    for (Module child : children.values()) {
      out.addAll(child.modules());
    }
    return out;
  }

  // ---------------------------------------------------------------- mode

  /**
   * Evaluation mode for every module on this thread until the returned scope is closed, whatever the modules'
   * own modes: {@link #isTraining()} answers false, so dropout is off and batch norm uses its running
   * statistics. No module's state changes, so other threads, training or predicting with the same model, are
   * not affected; this is how {@code Trainer.evaluate} and {@code predict} run. Scopes nest; closing one restores
   * the state before it:
   *
   * <pre>{@code
   * try (var off = GradMode.off(); var eval = Module.evaluating()) {
   *   Tensor y = model.call(x);
   * }
   * }</pre>
   */
  public static GradMode.Scope evaluating() {
    return EvaluationMode.enter();
  }

  /**
   * Whether the calling thread is inside {@link #evaluating()}; what a data loader asks before applying random
   * augmentations, which evaluation skips.
   */
  public static boolean isEvaluating() {
    return EvaluationMode.active();
  }

  /**
   * Puts this module and every descendant in training mode (dropout active, batch statistics); returns this.
   * Changes the shared mode; prefer {@link #evaluating()} for inference.
   */
  public final Module train() {
    return train(true);
  }

  /**
   * Sets the mode of this module and every descendant; returns this. Calls from several threads are serialised,
   * so the tree is never left half in one mode and half in the other; a forward pass running on another thread
   * meanwhile may see either mode, which is why inference should use {@link #evaluating()} instead.
   */
  public final Module train(boolean on) {
    synchronized (MODE_LOCK) {
      for (Module m : modules()) {
        m.training = on;
      }
    }
    return this;
  }

  /** Puts this module and every descendant in evaluation mode (dropout off, running statistics); returns this. */
  public final Module eval() {
    return train(false);
  }

  /**
   * Whether this module computes in training mode on the calling thread: its mode as last set by
   * {@link #train(boolean)} or {@link #eval()}, and false inside {@link #evaluating()}.
   */
  public final boolean isTraining() {
    return training && !EvaluationMode.active();
  }

  // ---------------------------------------------------------------- state

  /** {@link #loadStateDict(Map, boolean)} in strict mode. */
  public final LoadResult loadStateDict(Map<String, Tensor> state) {
    return loadStateDict(state, true);
  }

  /**
   * Copies {@code state} into this module's parameters and buffers, in place, under no-grad. Everything is
   * validated first, so a failed load leaves the module unchanged. Each given entry first goes through its owning
   * module's {@link #upgradeLoadedEntry}, which may convert an older form or refuse it. Then a mis-shaped or
   * mistyped entry is always an error; a missing or unexpected entry is one when {@code strict}, and is otherwise
   * skipped and reported.
   *
   * <p>The dtype rule: a floating entry loads into a floating tensor of either precision, converted to the
   * target's (FLOAT64 into FLOAT32 rounds, as PyTorch's {@code copy_}); an INT64 entry only into INT64 and a BOOL
   * entry only into BOOL. Any other pair (a float into an integer counter, an index into a weight) is mistyped:
   * a cast would silently truncate or reinterpret it.
   *
   * @return the keys this module has but {@code state} lacks, and those {@code state} has but this module lacks
   * @throws IllegalArgumentException naming every offending entry, with expected and found shapes or dtypes,
   *     and the reason of every entry its module refused
   */
  public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
    return StateDictLoad.into(this, state, strict);
  }

  /**
   * The tensor {@link #loadStateDict} loads into this module's own parameter or buffer {@code name} when the state
   * dict gives {@code entry}: {@code entry} itself unless overridden. A module whose saved form changed overrides
   * it to convert the older form (PyTorch's {@code _load_from_state_dict}), e.g. a counter once saved as a float,
   * and throws {@code IllegalArgumentException}, naming the entry and its value, for an entry no version of the
   * module could have saved. It runs while the load is validated, before anything changes, and must not itself
   * change the module; the shape and dtype of what it returns are checked afterwards.
   */
  protected Tensor upgradeLoadedEntry(String name, Tensor entry) {
    return entry;
  }

  /** One entry of {@link #stateDict()}: its dotted key, and the module owning it under its local name. */
  record StateSlot(String key, Module owner, String name) {}

  /** The entries of {@link #stateDict()} with their owners, in the same order. */
  List<StateSlot> stateSlots() {
    List<StateSlot> out = new ArrayList<>();
    collectSlots("", out);
    return out;
  }

  private void collectSlots(String prefix, List<StateSlot> out) {
    parameters.keySet().forEach(name -> out.add(new StateSlot(prefix + name, this, name)));
    buffers.keySet().forEach(name -> out.add(new StateSlot(prefix + name, this, name)));
    children.forEach((name, child) -> child.collectSlots(prefix + name + ".", out));
  }

  /** What a non-strict {@link #loadStateDict} skipped. */
  public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {}

  /**
   * {@link #call} with some parameters, by dotted name, replaced by other tensors of the same shape for this
   * one call (PyTorch's {@code functional_call}); gradients then flow to the replacements. Used to check a
   * whole layer with {@code GradCheck}, whose perturbed inputs are fresh tensors. The substitution holds on the
   * calling thread only: the module is not changed, and other threads keep seeing its own parameters.
   */
  public final Tensor forwardWith(Map<String, Tensor> replacements, Tensor input) {
    return forwardWith(replacements, () -> call(input));
  }

  /**
   * {@code body} with the parameters substituted as in {@link #forwardWith(Map, Tensor)}: the form for a module's
   * typed methods, e.g. {@code lstm.forwardWith(weights, () -> lstm.call(x, state))}.
   */
  public final <R> R forwardWith(Map<String, Tensor> replacements, Supplier<R> body) {
    Map<Module, Map<String, Tensor>> byOwner = new IdentityHashMap<>();
    for (Map.Entry<String, Tensor> e : replacements.entrySet()) {
      String name = e.getKey();
      int dot = name.lastIndexOf('.');
      Module owner = dot < 0 ? this : descendant(name.substring(0, dot));
      String local = name.substring(dot + 1);
      Tensor old = owner == null ? null : owner.parameters.get(local);
      checkArgument(old != null, "forwardWith: %s has no parameter %s", getClass().getSimpleName(), name);
      Tensor value = checkNotNull(e.getValue(), "forwardWith: replacement for %s is null", name);
      checkArgument(value.shape().equals(old.shape()), "forwardWith: %s has shape %s, its replacement %s", name,
          old.shape(), value.shape());
      byOwner.computeIfAbsent(owner, m -> new LinkedHashMap<>()).put(local, value);
    }
    try (var substituted = ParameterSubstitution.enter(byOwner)) {
      return body.get();
    }
  }

  private Module descendant(String path) {
    Module m = this;
    for (String part : path.split("\\.", -1)) {
      m = m == null ? null : m.children.get(part);
    }
    return m;
  }

  // ---------------------------------------------------------------- description

  /**
   * A Keras-like table of the submodules (the rows: name, type, output shape, parameter count) with total and
   * trainable counts, from a forward pass on zeros of {@code inputShape} (batch axis included) inside
   * {@link #evaluating()} under no-grad, so no module's mode or state changes.
   */
  public final Summary summary(int... inputShape) {
    return Summary.of(this, inputShape);
  }

  /** The arguments shown between the parentheses of {@link #toString()}, e.g. {@code in_features=3}. */
  protected String extraRepr() {
    return "";
  }

  /** A PyTorch-like tree: {@code Sequential(\n  (0): Linear(in_features=2, ...)\n)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(extraRepr());
    if (!children.isEmpty()) {
      sb.append('\n');
      children.forEach((name, child) -> sb.append("  (").append(name).append("): ")
          .append(child.toString().replace("\n", "\n  ")).append('\n'));
    }
    return sb.append(')').toString();
  }
}
