package dev.chainrule.nn.train;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a model whose parameters or buffers (batch norm's running statistics, say) hold NaN or infinity: its
 * outputs would mean nothing, yet a relu or a max could turn them into finite-looking numbers. The check is
 * remembered: while every tensor keeps the {@link Tensor#version() version} it had when found finite (every
 * in-place change bumps it), a call does not scan again, so a server's many {@code predict} calls pay for one
 * scan. Safe from several threads: the remembered state is replaced whole.
 */
final class ParameterCheck {
  /** The state tensors, in {@code stateDict} order, and their versions when they were found finite. */
  private record Verified(List<Tensor> tensors, int[] versions) {
    boolean stillHolds(List<Tensor> now) {
      if (now.size() != tensors.size()) {
        return false;
      }
      for (int i = 0; i < versions.length; i++) {
        if (now.get(i) != tensors.get(i) || now.get(i).version() != versions[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private final Module model;
  private volatile Verified verified;

  ParameterCheck(Module model) {
    this.model = model;
  }

  /**
   * Null when every parameter and buffer is finite, else the message, e.g. {@code evaluate: parameter 0.weight
   * (64, 64) holds 4096 NaN; the model cannot be evaluated}, naming each offending tensor.
   */
  String problem(String op, String consequence) {
    Map<String, Tensor> state = model.stateDict();
    List<Tensor> tensors = List.copyOf(state.values());
    Verified known = verified;
    if (known != null && known.stillHolds(tensors)) {
      return null;
    }
    int[] versions = new int[tensors.size()];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = tensors.get(i).version(); // before the scan: a change during it makes the next call rescan
    }
    Set<Tensor> parameters = Collections.newSetFromMap(new IdentityHashMap<>());
    parameters.addAll(model.parameters());
    Set<Tensor> scanned = Collections.newSetFromMap(new IdentityHashMap<>());
    List<String> bad = new ArrayList<>();
    state.forEach((name, t) -> {
      if (scanned.add(t)) {
        NonFinite counts = NonFinite.of(t);
        if (counts.any()) {
          bad.add((parameters.contains(t) ? "parameter " : "buffer ") + name + " " + t.shape() + " holds " + counts);
        }
      }
    });
    if (!bad.isEmpty()) {
      return op + ": " + String.join(", ", bad) + "; the model " + consequence;
    }
    verified = new Verified(tensors, versions);
    return null;
  }

  /** Throws the {@link #problem} as an {@code IllegalStateException}, if there is one. */
  void check(String op, String consequence) {
    String problem = problem(op, consequence);
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
  }
}
