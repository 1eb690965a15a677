package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Verify.verifyNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@link Module#loadStateDict(Map, boolean)}: validates every entry (upgraded by its owner, then shape
 * and dtype) and copies only when all are fine, so a failed load changes nothing.
 */
final class StateDictLoad {
  private StateDictLoad() {}

  static Module.LoadResult into(Module module, Map<String, Tensor> state, boolean strict) {
    checkNotNull(state, "loadStateDict: state must not be null");
    LinkedHashMap<String, Tensor> own = module.stateDict();
    Map<String, Tensor> accepted = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    List<String> mistyped = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Module.StateSlot slot : module.stateSlots()) {
      Tensor target = own.get(slot.key());
      Tensor entry = state.get(slot.key());
      if (entry == null) {
        missing.add(slot.key());
        continue;
      }
      try {
        entry = verifyNotNull(slot.owner().upgradeLoadedEntry(slot.name(), entry),
            "%s.upgradeLoadedEntry returned null for %s", slot.owner().getClass().getSimpleName(), slot.name());
      } catch (IllegalArgumentException e) {
        refused.add(slot.key() + ": " + e.getMessage());
        continue;
      }
      if (!entry.shape().equals(target.shape())) {
        mismatched.add(slot.key() + " (expected shape " + target.shape() + ", found " + entry.shape() + ")");
      } else if (!loadableInto(entry.dtype(), target.dtype())) {
        mistyped.add(slot.key() + " (expected " + target.dtype() + ", found " + entry.dtype() + ")");
      } else {
        accepted.put(slot.key(), entry);
      }
    }
    List<String> unexpected = new ArrayList<>(state.keySet());
    unexpected.removeAll(own.keySet());
    List<String> problems = new ArrayList<>();
    if (strict && !missing.isEmpty()) {
      problems.add("missing " + missing);
    }
    if (strict && !unexpected.isEmpty()) {
      problems.add("unexpected " + unexpected);
    }
    addIfAny(problems, "mis-shaped ", mismatched);
    addIfAny(problems, "mistyped ", mistyped);
    addIfAny(problems, "refused ", refused);
    checkArgument(problems.isEmpty(), "loadStateDict into %s: %s; the module is unchanged",
        module.getClass().getSimpleName(), String.join("; ", problems));
    try (var off = GradMode.off()) {
      accepted.forEach((key, entry) -> own.get(key).copyFrom(entry));
    }
    return new Module.LoadResult(List.copyOf(missing), List.copyOf(unexpected));
  }

  /**
   * Whether an entry of type {@code entry} may be copied into a tensor of type {@code target}: floating into
   * floating of either precision, otherwise only the same type.
   */
  private static boolean loadableInto(DType entry, DType target) {
    return entry == target || (entry.isFloatingPoint() && target.isFloatingPoint());
  }

  private static void addIfAny(List<String> problems, String kind, List<String> entries) {
    if (!entries.isEmpty()) {
      problems.add(kind + entries);
    }
  }
}
