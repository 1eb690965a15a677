/**
 * Recurrent layers, compositions of autodiff ops: the cells {@code RNNCell}, {@code LSTMCell}, {@code GRUCell}
 * (one time step) and the sequence layers {@code RNN}, {@code LSTM}, {@code GRU} (stacked, optionally
 * bidirectional, with {@link dev.chainrule.nn.layers.recurrent.RecurrentOptions}). Parameters are named
 * ({@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh}, per layer {@code _l0}, {@code _l1}, ...
 * and {@code _reverse} for the backward direction), shaped and ordered as in PyTorch, with the gate order
 * {@code i, f, g, o} (LSTM) and {@code r, z, n} (GRU), and initialised as PyTorch does, so state dicts carry
 * over in both directions. No gradient code here.
 *
 * <p>Each layer's {@code forward(Tensor)} is its most common use (a cell's next hidden state, a sequence layer's
 * output sequence, from a zero state); the typed {@code call(input, state)} methods take an initial state and
 * return records with the final state, through {@code Module.invoke}.
 *
 * <p>Cost: a sequence layer computes the input projection of all time steps of one layer and direction as one
 * matrix product {@code X W_ih^T}, {@code X} of shape {@code (T*N, F)}, with the biases added once; only the
 * recurrent product {@code h W_hh^T} and the gate nonlinearities stay in the time loop. The time steps are cut
 * from the projection with {@code narrow}, whose gradient is padded to the full projection, so the backward pass
 * allocates and adds one tensor of the projection's size {@code (T, N, G H)} per step: {@code O(T N G H)} memory
 * traffic per step next to the recurrent product's {@code O(N H G H)} arithmetic, so minor while {@code T} is
 * well below the hidden size {@code H}, and quadratic in {@code T} beyond (a split op in autodiff, whose gradient
 * is one concatenation, would remove it).
 */
package dev.chainrule.nn.layers.recurrent;
