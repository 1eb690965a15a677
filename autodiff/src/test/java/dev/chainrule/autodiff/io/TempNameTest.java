package dev.chainrule.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TempNameTest {

  @Test
  void aFreshNameCarriesThisProcessAndParsesBack() {
    TempName name = TempName.fresh("model.safetensors", "tmp");
    assertEquals(ProcessHandle.current().pid(), name.pid());
    assertTrue(name.toString().startsWith(".model.safetensors.chainrule-" + name.pid() + "-"), name.toString());
    assertTrue(name.toString().endsWith(".tmp"), name.toString());
    assertEquals(Optional.of(name), TempName.parse(name.toString()));
    assertTrue(name.belongsTo("model.safetensors", "tmp"));
    assertFalse(name.belongsTo("model.safetensors", "new"));
    assertFalse(name.belongsTo("scaler.safetensors", "tmp"));
    assertTrue(name.writerAlive(), "this process");
  }

  @Test
  void namesChainruleDidNotWriteDoNotParse() {
    for (String foreign : new String[] {"model.safetensors", ".model.safetensors.3f2a9c1b0e4d5a6b.tmp",
        ".x.chainrule-12-3f2a9c1.tmp", ".x.chainrule-12-3F2A9C1B.tmp", ".x.chainrule-99999999999999999999-3f2a9c1b.tmp",
        "..chainrule-1-3f2a9c1b.tmp"}) {
      assertEquals(Optional.empty(), TempName.parse(foreign), foreign);
    }
  }

  @Test
  void aLongNameGetsAShortPrefixThatStillTellsTargetsApart() {
    String a = "r".repeat(250) + "a";
    String b = "r".repeat(250) + "b";
    TempName name = TempName.fresh(a, "tmp");
    assertTrue(name.toString().getBytes(StandardCharsets.UTF_8).length <= 120, name.toString());
    assertNotEquals(TempName.prefixOf(a), TempName.prefixOf(b));
    assertTrue(TempName.parse(name.toString()).orElseThrow().belongsTo(a, "tmp"));
    assertFalse(TempName.parse(name.toString()).orElseThrow().belongsTo(b, "tmp"));
  }

  @Test
  void aLongNameOfMultiByteCharactersIsCutBetweenCharacters() {
    String name = "\u00e9\ud83d\ude00".repeat(40); // 2 + 4 bytes each: 240 bytes
    String prefix = TempName.prefixOf(name);
    assertTrue(prefix.getBytes(StandardCharsets.UTF_8).length <= TempName.MAX_PREFIX_BYTES, prefix);
    String kept = prefix.substring(0, prefix.indexOf('~'));
    assertTrue(name.startsWith(kept), "whole code points only: " + kept);
    assertEquals(kept.codePointCount(0, kept.length()) % 2, 0, "no surrogate half: " + kept);
  }

  @Test
  void aShortNameIsItsOwnPrefix() {
    assertEquals("digits", TempName.prefixOf("digits"));
    assertEquals("x".repeat(64), TempName.prefixOf("x".repeat(64)));
  }

  @Test
  void theWriterOfAFinishedProcessIsGone() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    TempName name = new TempName("x", done.pid(), "0000abcd", "tmp");
    assertFalse(name.writerAlive());
    assertEquals("new", name.withKind("new").kind());
    assertEquals(name.nonce(), name.withKind("new").nonce());
  }
}
