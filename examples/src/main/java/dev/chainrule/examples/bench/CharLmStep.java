package dev.chainrule.examples.bench;

import com.google.common.base.Verify;
import com.google.common.base.VerifyException;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.graph.Node;
import dev.chainrule.autodiff.ops.MatMul;
import dev.chainrule.examples.CharLm;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.layers.Embedding;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.recurrent.LSTM;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.optim.GradClip;
import dev.chainrule.optim.Optimizer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * One training step of {@code train --model charlm}, the same arithmetic as its loop (zeroGrad, the cross-entropy
 * of {@code CharLmLoss.of}, backward, {@link GradClip#byGlobalNorm} to {@value CharLmTrainBench#CLIP_NORM}, the
 * optimizer's step, then {@code loss.item()}), with a {@link System#nanoTime} mark at the boundary of each part:
 *
 * <ul>
 *   <li>forward: marks between the model's three layers, called one after the other as {@link CharLm#call} does;
 *   <li>backward: the backward walk visits an op only after every op that consumed its output, and runs the
 *       hooks of a tensor just before its op's backward, so a gradient hook that reads the clock on the LSTM's
 *       output marks the end of the output layer's and loss's backward; one on the output of the LSTM's input
 *       projection {@code x W_ih^T} (found by walking the step's graph back from the LSTM's output to the
 *       {@code MatMul} whose input is {@code weight_ih_l0}) marks the end of the recurrent loop's backward; one on
 *       the embedding's output marks the end of the input projection's backward (its two products and the
 *       reshapes around them); the rest, to the return of {@code backward()}, is the embedding's backward and
 *       storing the summed gradients of the parameters;
 *   <li>the clipping and the optimizer step, each between two marks.
 * </ul>
 *
 * <p>The input projection's forward runs inside the LSTM's forward with no place for a mark, so
 * {@link #replayProjection} recomputes it apart, the same ops on the last step's tensors without a graph; the bench
 * subtracts that from the LSTM's forward to get the recurrent loop's. Searching the graph for the projection runs
 * between two marks of its own and is not part of any part or of the step's time.
 */
final class CharLmStep {
  /** The parts of a step, in the order they run; {@code marks[p]} to {@code marks[p + 1]} is part {@code p}. */
  enum Part {
    ZERO_GRAD,
    EMBEDDING_FORWARD,
    LSTM_FORWARD,
    OUTPUT_FORWARD,
    SEARCH, // finding the projection in the graph: not timed
    OUTPUT_BACKWARD,
    RECURRENT_BACKWARD,
    PROJECTION_BACKWARD,
    EMBEDDING_BACKWARD,
    CLIP,
    OPTIMIZER,
    ITEM;

    static final int MARKS = values().length + 1;
  }

  private static final CrossEntropyLoss CROSS_ENTROPY = new CrossEntropyLoss();

  private final CharLm model;
  private final Embedding embedding;
  private final LSTM lstm;
  private final Linear head;
  private final Optimizer optimizer;
  private final Tensor weightIh;
  private Tensor lastEmbedded;

  CharLmStep(CharLm model, Optimizer optimizer) {
    this.model = model;
    this.optimizer = optimizer;
    this.embedding = (Embedding) model.namedChildren().get("embedding");
    this.lstm = (LSTM) model.namedChildren().get("lstm");
    this.head = (Linear) model.namedChildren().get("head");
    Verify.verify(embedding != null && lstm != null && head != null, "CharLmStep: CharLm's children are %s",
        model.namedChildren().keySet());
    this.weightIh = lstm.namedParameters().get("weight_ih_l0");
    Verify.verify(weightIh != null, "CharLmStep: the LSTM's parameters are %s", lstm.namedParameters().keySet());
  }

  /**
   * One step on {@code batch}; fills {@code marks} ({@link Part#MARKS} of them, nanoseconds) and returns the loss.
   */
  double run(Batch batch, long[] marks) {
    Verify.verify(marks.length == Part.MARKS, "CharLmStep.run: %s marks, expected %s", marks.length, Part.MARKS);
    marks[Part.ZERO_GRAD.ordinal()] = System.nanoTime();
    optimizer.zeroGrad();
    marks[Part.EMBEDDING_FORWARD.ordinal()] = System.nanoTime();
    Tensor embedded = embedding.call(batch.features());
    marks[Part.LSTM_FORWARD.ordinal()] = System.nanoTime();
    Tensor hidden = lstm.call(embedded, null).output();
    marks[Part.OUTPUT_FORWARD.ordinal()] = System.nanoTime();
    Tensor logits = head.call(hidden);
    Tensor loss = CROSS_ENTROPY.apply(logits.reshape(-1, logits.shape().dim(-1)), batch.labels().reshape(-1));
    marks[Part.SEARCH.ordinal()] = System.nanoTime();
    Tensor projection = projectionOutput(hidden);
    mark(hidden, marks, Part.RECURRENT_BACKWARD);
    mark(projection, marks, Part.PROJECTION_BACKWARD);
    mark(embedded, marks, Part.EMBEDDING_BACKWARD);
    marks[Part.OUTPUT_BACKWARD.ordinal()] = System.nanoTime();
    loss.backward();
    marks[Part.CLIP.ordinal()] = System.nanoTime();
    GradClip.byGlobalNorm(model.parameters(), CharLmTrainBench.CLIP_NORM);
    marks[Part.OPTIMIZER.ordinal()] = System.nanoTime();
    optimizer.step();
    marks[Part.ITEM.ordinal()] = System.nanoTime();
    double value = loss.item();
    marks[Part.MARKS - 1] = System.nanoTime();
    lastEmbedded = embedded;
    return value;
  }

  /** Reads the clock into {@code marks[part]} when backward reaches {@code tensor}'s op. */
  private static void mark(Tensor tensor, long[] marks, Part part) {
    tensor.registerHook(g -> {
      marks[part.ordinal()] = System.nanoTime();
      return g;
    });
  }

  /** The output of the LSTM's {@code MatMul} of {@code weight_ih_l0}, found from the LSTM's output. */
  private Tensor projectionOutput(Tensor lstmOutput) {
    Deque<Node> pending = new ArrayDeque<>();
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    pending.add(lstmOutput.gradFn());
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (!seen.add(node)) {
        continue;
      }
      for (Tensor input : node.inputs()) {
        if (input == weightIh && node.name().equals("MatMul")) {
          return node.output();
        }
        if (input.gradFn() != null) {
          pending.add(input.gradFn());
        }
      }
    }
    throw new VerifyException("CharLmStep: no MatMul of weight_ih_l0 in the LSTM's graph");
  }

  /**
   * Recomputes the last step's input projection as the LSTM's forward does, without a graph: the embedded batch
   * {@code (B, T, E)} time-major as {@code (T B, E)} rows, times {@code W_ih^T}, plus {@code b_ih + b_hh}.
   */
  Tensor replayProjection() {
    Verify.verify(lastEmbedded != null, "CharLmStep.replayProjection: no step has run");
    try (var off = GradMode.off()) {
      Tensor bias = lstm.namedParameters().get("bias_ih_l0").add(lstm.namedParameters().get("bias_hh_l0"));
      Tensor x = lastEmbedded.transpose(0, 1);
      Tensor rows = x.reshape(x.shape().dim(0) * x.shape().dim(1), x.shape().dim(2));
      return new MatMul(false, true).apply(rows, weightIh).add(bias);
    }
  }
}
