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
 * </ul>
 */
package dev.chainrule.nn;
