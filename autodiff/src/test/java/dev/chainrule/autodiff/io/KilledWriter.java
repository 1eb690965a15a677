package dev.chainrule.autodiff.io;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The child JVM of {@link AtomicFileTest}: starts an atomic write of {@code args[0]}, writes some bytes into the
 * temporary file, says {@code writing} on stdout and hangs until the test kills it.
 */
final class KilledWriter {
  private KilledWriter() {}

  public static void main(String[] args) throws Exception {
    AtomicFile.write(Path.of(args[0]), channel -> {
      channel.write(ByteBuffer.wrap(new byte[4096]));
      channel.force(true);
      System.out.println("writing");
      System.out.flush();
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
