package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/autodiff.md lists every primitive op class, of {@code ops} and its subpackages, with its forward and
 * backward formula.
 */
class OpCatalogueTest {

  @Test
  void everyPrimitiveOpIsInTheCatalogue() throws IOException {
    String catalogue = Files.readString(Path.of("../docs/autodiff.md"));
    List<String> missing = new ArrayList<>();
    int found = 0;
    // The ops' subpackages (pool, conv) included: walked, not listed, so a subdirectory is no file to read.
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/chainrule/autodiff/ops"))
        .filter(Files::isRegularFile)) {
      for (Path source : (Iterable<Path>) sources::iterator) {
        if (Files.readString(source).contains(" extends Function")) {
          found++;
          String name = source.getFileName().toString().replace(".java", "");
          if (!catalogue.contains("| `" + name + "` |")) {
            missing.add(name);
          }
        }
      }
    }
    assertTrue(found > 20, "found only " + found + " op classes");
    assertTrue(missing.isEmpty(), "op classes missing from the catalogue in docs/autodiff.md: " + missing);
  }
}
