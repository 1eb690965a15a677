package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.DumpGraph.Role;
import dev.chainrule.autodiff.dump.Recorded.Step;
import dev.chainrule.autodiff.graph.ScopePath;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors the kept ops touch, in first-use order, with the kept op that made each and the kept ops that
 * read it: what {@link DumpGraph} needs to place a value in a scope and to decide whether a box hides it.
 */
final class Tensors {
  final List<Tensor> order = new ArrayList<>();
  final Map<Tensor, Step> producers = new IdentityHashMap<>();
  private final Map<Tensor, List<Step>> consumers = new IdentityHashMap<>();
  private final Tensor root;

  /** {@code kept} in creation order; the root comes last unless an op touched it. */
  Tensors(List<Step> kept, Tensor root) {
    this.root = root;
    for (Step step : kept) {
      for (Tensor input : step.inputs()) {
        see(input).add(step);
      }
      see(step.output());
      producers.put(step.output(), step);
    }
    see(root);
  }

  private List<Step> see(Tensor t) {
    return consumers.computeIfAbsent(t, key -> {
      order.add(key);
      return new ArrayList<>();
    });
  }

  Role roleOf(Tensor t) {
    return t.gradFn() != null ? Role.INTERMEDIATE : t.needsGrad() ? Role.PARAMETER : Role.CONSTANT;
  }

  /**
   * Where {@code t} belongs: an op's output in its producer's scope; a parameter, or a scalar constant (the
   * {@code 0.5} of {@code x.mul(0.5)}), in the innermost scope enclosing every op that reads it; any other
   * constant, such as a network's input, at the top (a leaf records no scope of its own).
   */
  ScopePath scopeOf(Tensor t) {
    if (t.gradFn() != null) {
      return t.gradFn().scope();
    }
    if (!followsReaders(t)) {
      return null;
    }
    List<Step> readers = consumers.get(t);
    ScopePath common = readers.isEmpty() ? null : readers.get(0).node().scope();
    for (Step reader : readers) {
      common = ScopePath.common(common, reader.node().scope());
    }
    return common;
  }

  /** Whether the leaf {@code t} is placed with the ops that read it: a parameter or a scalar constant. */
  private boolean followsReaders(Tensor t) {
    return roleOf(t) == Role.PARAMETER || t.rank() == 0;
  }

  /**
   * The box that hides {@code t}, or null when it is drawn: a parameter or scalar constant placed in a collapsed
   * scope, or a value made in a box and read only inside that box (never the root).
   */
  ScopePath hidingBox(Tensor t, Collapse collapse) {
    if (t == root) {
      return null;
    }
    if (t.gradFn() == null) {
      return followsReaders(t) ? collapse.boxOf(scopeOf(t)) : null;
    }
    Step producer = producers.get(t);
    ScopePath box = producer == null ? null : collapse.boxOf(producer.node().scope());
    if (box == null) {
      return null;
    }
    for (Step reader : consumers.get(t)) {
      if (!box.equals(collapse.boxOf(reader.node().scope()))) {
        return null;
      }
    }
    return box;
  }
}
