package io.ganpoet.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Keeps a forward pass's intermediates on the input's manager. */
final class Scopes {

    private Scopes() {}

    /**
     * Returns a view of a parameter owned by {@code scope}. DJL attaches an operation's result to
     * the manager of its receiver, so arithmetic that starts from a parameter would otherwise
     * leave every forward pass's intermediates on the model's manager until the model closes.
     */
    static NDArray view(NDArray parameter, NDManager scope) {
        NDArray view = parameter.reshape(parameter.getShape());
        view.attach(scope);
        return view;
    }
}
