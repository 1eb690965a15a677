package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every lesson promises, whatever it teaches: it runs, prints, writes the pictures that are committed
 * beside its page in {@code docs/lessons/}, and its page gives the command that makes them.
 */
class LessonsTest {
  private static final Path LESSON_DOCS = Path.of("").toAbsolutePath().getParent().resolve("docs/lessons");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @TempDir
  Path temp;

  @Test
  void namesAreUniqueCommandLineWords() {
    Set<String> names = new HashSet<>();
    for (Lesson lesson : Lessons.all()) {
      assertTrue(lesson.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), lesson.name());
      assertTrue(names.add(lesson.name()), "two lessons are called " + lesson.name());
      assertFalse(lesson.title().isBlank(), lesson.name());
      assertFalse(lesson.summary().isBlank(), lesson.name());
    }
  }

  @Test
  void theCourseIndexListsEveryLessonInCourseOrderWithItsTitle() throws IOException {
    String index = Files.readString(LESSON_DOCS.resolve("README.md"));
    List<String> linked = links(index);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < Lessons.all().size(); i++) {
      Lesson lesson = Lessons.all().get(i);
      expected.add(lesson.name() + ".md");
      String entry = (i + 1) + ". [" + lesson.title() + "](" + lesson.name() + ".md)";
      assertTrue(index.contains(entry), "the course index lacks the line " + entry);
      assertTrue(Files.readString(LESSON_DOCS.resolve(lesson.name() + ".md")).startsWith("# " + (i + 1) + ". "),
          lesson.name() + ".md should open with its number in the course, " + (i + 1));
    }
    assertEquals(expected, linked.stream().filter(l -> l.endsWith(".md") && !l.contains("/")).toList(),
        "the lesson pages the index links to, in order");
    for (String link : linked) {
      assertTrue(Files.exists(LESSON_DOCS.resolve(link)), "the course index links to missing " + link);
    }
  }

  @Test
  void anUnknownNameIsRejectedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lessons.find("no-such"));
    assertTrue(e.getMessage().contains("no-such"), e.getMessage());
    for (Lesson lesson : Lessons.all()) {
      assertTrue(e.getMessage().contains(lesson.name()), e.getMessage());
    }
  }

  @Test
  void aContextRefusesPathsOutsideItsDirectory() {
    LessonContext context = new LessonContext(System.out, temp);
    assertThrows(IllegalArgumentException.class, () -> context.file("../escape.svg"));
    assertThrows(IllegalArgumentException.class, () -> context.file(""));
  }

  @TestFactory
  Stream<DynamicTest> everyLessonRunsAndMatchesItsPage() {
    return Lessons.all().stream().map(lesson -> DynamicTest.dynamicTest(lesson.name(), () -> check(lesson)));
  }

  private void check(Lesson lesson) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LessonContext context = new LessonContext(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        temp.resolve(lesson.name()));
    lesson.run(context);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(printed.isBlank(), lesson.name() + " printed nothing");

    Set<String> written = new TreeSet<>();
    for (Path file : context.written()) {
      assertTrue(Files.size(file) > 0, file + " is empty");
      written.add(file.getFileName().toString());
    }
    assertFalse(written.isEmpty(), lesson.name() + " wrote no pictures");

    Path page = LESSON_DOCS.resolve(lesson.name() + ".md");
    assertTrue(Files.isRegularFile(page), "missing page " + page);
    String text = Files.readString(page);
    assertTrue(text.contains("./chainrule lesson " + lesson.name()), page + " does not give its command");
    for (String link : links(text)) {
      assertTrue(Files.exists(page.resolveSibling(link)), page + " links to missing " + link);
    }

    Matcher mermaid = Pattern.compile("(?s)```mermaid\n(.*?)```").matcher(text);
    while (mermaid.find()) {
      String shown = mermaid.group(1);
      boolean matches = false;
      for (Path file : context.written()) {
        matches |= file.toString().endsWith(".mmd") && Files.readString(file).equals(shown);
      }
      assertTrue(matches, page + " shows a Mermaid graph that the lesson does not write; copy it from the"
          + " lesson's .mmd file");
    }

    Set<String> committed = new TreeSet<>();
    Path pictures = LESSON_DOCS.resolve(lesson.name());
    if (Files.isDirectory(pictures)) {
      try (Stream<Path> files = Files.list(pictures)) {
        files.forEach(f -> committed.add(f.getFileName().toString()));
      }
    }
    Set<String> expected = new TreeSet<>(written);
    for (String name : committed) {
      // a graph rendered by Graphviz where the docs were made, on a machine without it here
      if (name.endsWith(".svg") && written.contains(name.replaceFirst("\\.svg$", ".dot"))) {
        expected.add(name);
      }
    }
    assertEquals(expected, committed, "the pictures in " + pictures + " are not the ones the lesson writes;"
        + " regenerate them with ./chainrule lesson " + lesson.name() + " --out docs/lessons");
  }

  /**
   * Relative links of the page (pictures and other pages), without anchors; web addresses, code blocks and
   * inline code (where {@code g[l](Z[l])} is a formula, not a link) left out.
   */
  private static List<String> links(String markdown) {
    String prose = markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
    List<String> links = new ArrayList<>();
    Matcher m = LINK.matcher(prose);
    while (m.find()) {
      String link = m.group(1);
      if (!link.contains("://") && !link.startsWith("#")) {
        links.add(link.replaceFirst("#.*$", ""));
      }
    }
    return links;
  }
}
