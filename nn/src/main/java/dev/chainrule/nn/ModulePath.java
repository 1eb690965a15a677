package dev.chainrule.nn;

import java.lang.ref.WeakReference;
import java.util.Objects;

/**
 * Puts the module path in front of a caller error raised inside {@link Module#call}: the innermost call that
 * sees the error adds its scope name, each enclosing call prefixes its own, so the error leaving the network
 * reads {@code Sequential / 2 (Linear): matmul: shapes (32, 1, 8, 8) and (64, 10) ...}.
 *
 * <p>Only exact {@link IllegalArgumentException}s and {@link IllegalStateException}s are caller errors here;
 * anything else (a subclass with its own meaning, a {@code VerifyException}, an {@code ArithmeticException})
 * passes through untouched. The annotated error has the same type as the original, which is its cause. A
 * leading {@code Type: } that repeats the module's own type is dropped from the original message, the path
 * already ending in it.
 */
final class ModulePath {
  /** The last error this thread annotated, held weakly, and its path, so an enclosing call can extend it. */
  private record Annotated(WeakReference<RuntimeException> error, String path) {}

  private static final ThreadLocal<Annotated> LAST = new ThreadLocal<>();

  private ModulePath() {}

  /** {@code error}, raised inside {@code module}'s call, with the path extended by the module's scope name. */
  static RuntimeException annotate(Module module, RuntimeException error) {
    boolean argument = error.getClass() == IllegalArgumentException.class;
    if (!argument && error.getClass() != IllegalStateException.class) {
      return error;
    }
    Annotated inner = LAST.get();
    boolean nested = inner != null && inner.error().get() == error && error.getCause() != null;
    String path = nested ? module.scopeName() + " / " + inner.path() : module.scopeName();
    Throwable original = nested ? error.getCause() : error;
    String message = nested ? error.getMessage().substring(inner.path().length() + 2)
        : withoutOwnType(module, Objects.toString(original.getMessage(), original.getClass().getName()));
    RuntimeException annotated = argument ? new IllegalArgumentException(path + ": " + message, original)
        : new IllegalStateException(path + ": " + message, original);
    LAST.set(new Annotated(new WeakReference<>(annotated), path));
    return annotated;
  }

  private static String withoutOwnType(Module module, String message) {
    String own = module.getClass().getSimpleName() + ": ";
    return message.startsWith(own) ? message.substring(own.length()) : message;
  }
}
