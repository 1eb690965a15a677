package dev.chainrule.autodiff.kernel;

/**
 * Chooses the kernels once per JVM. The vector implementation is loaded by name only after the Vector API
 * module is known to be present, so a JVM without {@code --add-modules jdk.incubator.vector} never touches a
 * class that imports it. With the module present, failing to load the vector kernels is an error, never a silent
 * fallback to the slow path.
 */
final class KernelSelection {
  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final String VECTOR_KERNELS = "dev.chainrule.autodiff.kernel.VectorKernels";

  private KernelSelection() {}

  static Kernels selected() {
    return Holder.SELECTED;
  }

  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  private static final class Holder {
    static final Kernels SELECTED = choose();

    private static Kernels choose() {
      if (!vectorModulePresent()) {
        // One line on stderr, not java.util.logging, whose default format spends two lines on it.
        System.err.println("chainrule: warning: " + VECTOR_MODULE
            + " is not enabled; using plain-Java kernels (start the JVM with --add-modules " + VECTOR_MODULE
            + " for SIMD)");
        return ScalarKernels.INSTANCE;
      }
      try {
        return (Kernels) Class.forName(VECTOR_KERNELS).getField("INSTANCE").get(null);
      } catch (ReflectiveOperationException | LinkageError e) {
        // The module is there, so the vector kernels must load: anything else is a broken build, not a fallback.
        throw new IllegalStateException("chainrule: " + VECTOR_MODULE + " is enabled but " + VECTOR_KERNELS
            + " cannot be loaded", e);
      }
    }
  }
}
