/**
 * Modules: the base class {@link dev.chainrule.nn.Module} with its named parameters, buffers and submodules,
 * training mode, state dictionaries and summary.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>nn holds no gradient code: every forward is a composition of autodiff tensor operations, so backward
 *       comes from the ops' own rules.
 *   <li>Parameters are leaves marked {@code requiresGrad}; parameters and buffers change only in place
 *       ({@code copyFrom}) under no-grad, keeping their identity, so optimizers holding them stay valid.
 *   <li>Registration order is the order of {@code parameters()}, {@code stateDict()} and {@code toString()}.
 *   <li>A failed {@code loadStateDict} leaves the module unchanged.
 *   <li>Inference flips no shared state: {@code Module.evaluating()} puts every module in evaluation mode for the
 *       calling thread only, and {@code forwardWith}'s substitutions and {@code summary}'s observation are
 *       confined to their thread, so several threads may run one model at once while nothing trains.
 *       {@code train(boolean)} calls are serialised: a tree is never left in a mix of modes.
 *   <li>A caller error ({@code IllegalArgumentException}, {@code IllegalStateException}) raised inside
 *       {@code Module.call} leaves it with the same type, the original as cause, and the module path in front
 *       of its message, once: {@code Sequential / 2 (Linear): ...}.
 * </ul>
 */
package dev.chainrule.nn;
