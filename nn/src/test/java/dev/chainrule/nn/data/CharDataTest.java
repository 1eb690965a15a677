package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The character vocabulary, the corpus split and the random windows. */
class CharDataTest {

  @Property(tries = 50)
  void encodeThenDecodeGivesTheTextBackWithSortedDistinctIndices(
      @ForAll @StringLength(min = 1, max = 40) String text) {
    CharVocabulary v = CharVocabulary.of(text);
    assertEquals(text, v.decode(v.encode(text)));
    assertEquals(text.chars().distinct().count(), v.size());
    String chars = v.chars();
    for (int i = 1; i < chars.length(); i++) {
      assertTrue(chars.charAt(i - 1) < chars.charAt(i), "sorted and distinct");
    }
    assertEquals(chars, CharVocabulary.ofChars(chars).chars());
    for (long code : v.encode(text)) {
      assertTrue(code >= 0 && code < v.size());
    }
  }

  @Test
  void vocabularyRefusesUnknownCharactersAndBadIndices() {
    CharVocabulary v = CharVocabulary.of("hello");
    assertEquals("ehlo", v.chars());
    assertArrayEquals(new long[] {1, 0, 2, 2, 3}, v.encode("hello"));
    assertFalse(v.contains('z'));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.encode("hez"));
    assertTrue(e.getMessage().contains("\"z\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> v.decode(4));
    assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of(""));
    assertThrows(IllegalArgumentException.class, () -> CharVocabulary.ofChars("ba"));
    assertThrows(IllegalArgumentException.class, () -> CharVocabulary.ofChars("aab"));
    assertEquals("hel", v.decode(Tensor.of(new long[] {1, 0, 2}, 3)));
  }

  @Test
  void tinyShakespeareHas65CharactersSplitNinetyTen() {
    CharCorpus corpus = CharCorpus.tinyShakespeare();
    assertEquals(1_115_394, corpus.length());
    assertEquals(65, corpus.vocabulary().size());
    long[] train = corpus.train();
    long[] validation = corpus.validation();
    assertEquals(Math.round(0.9 * corpus.length()), train.length);
    assertEquals(corpus.length(), train.length + validation.length);
    assertTrue(corpus.vocabulary().decode(Arrays.copyOf(train, 14)).startsWith("First Citizen:"));
  }

  @Test
  void splitIsByPosition() {
    CharCorpus corpus = CharCorpus.of("abcdefghij", 0.7);
    assertEquals("abcdefg", corpus.vocabulary().decode(corpus.train()));
    assertEquals("hij", corpus.vocabulary().decode(corpus.validation()));
    assertThrows(IllegalArgumentException.class, () -> CharCorpus.of("abc", 1.5));
  }

  @Property(tries = 30)
  void windowsAreSlicesOfTheTextWithTargetsShiftedByOne(@ForAll @IntRange(min = 2, max = 50) int textLength,
      @ForAll @IntRange(min = 1, max = 5) int batch, @ForAll @IntRange(min = 1, max = 10) int length,
      @ForAll long seed) {
    int t = Math.min(length, textLength - 1);
    long[] codes = LongStream.range(0, textLength).toArray(); // value = position, so each window shows its start
    CharWindows windows = new CharWindows(codes, batch, t, seed);
    for (int step = 0; step < 3; step++) {
      Batch b = windows.next();
      assertEquals(DType.INT64, b.features().dtype());
      assertEquals(DType.INT64, b.labels().dtype());
      assertArrayEquals(new int[] {batch, t}, b.features().shape().dims());
      assertArrayEquals(new int[] {batch, t}, b.labels().shape().dims());
      long[] x = b.features().toLongArray();
      long[] y = b.labels().toLongArray();
      for (int r = 0; r < batch; r++) {
        long start = x[r * t];
        assertTrue(start >= 0 && start + t < textLength, "window inside the text");
        for (int i = 0; i < t; i++) {
          assertEquals(start + i, x[r * t + i]);
          assertEquals(start + i + 1, y[r * t + i]);
        }
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameBatches() {
    long[] codes = LongStream.range(0, 1000).toArray();
    CharWindows a = new CharWindows(codes, 4, 8, 7);
    CharWindows b = new CharWindows(codes, 4, 8, 7);
    CharWindows c = new CharWindows(codes, 4, 8, 8);
    long[] first = a.next().features().toLongArray();
    assertArrayEquals(first, b.next().features().toLongArray());
    assertNotEquals(Arrays.toString(first), Arrays.toString(c.next().features().toLongArray()));
    assertArrayEquals(a.next().labels().toLongArray(), b.next().labels().toLongArray());
  }

  @Test
  void windowsRefuseATextTooShort() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CharWindows(new long[] {1, 2, 3}, 2, 3, 1));
    assertTrue(e.getMessage().contains("CharWindows"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CharWindows(new long[] {1, 2, 3}, 0, 1, 1));
  }
}
