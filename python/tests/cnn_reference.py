"""An independent float64 reference for convolutional runs: the network written in JAX
(lax.conv_general_dilated, lax.reduce_window), each dense or conv2d layer's Jacobian
∂z_l/∂x by jacfwd with 64-bit floats, and numpy's SVD. It shares no code with lr-analyze
nor with localrank.layers: only the layer dicts' meaning (PyTorch's conventions)."""

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax


def _forward(layers, input_shape, activations, params, x):
    """Every dense or conv2d layer's pre-activation, flattened, for one flat input x."""
    a = x.reshape((1, *input_shape))
    out, l = [], 0
    for layer in layers:
        kind = layer["kind"]
        if kind == "flatten":
            a = a.reshape((1, -1))
        elif kind in ("max-pool", "average-pool"):
            window, stride = (1, 1, *layer["window"]), (1, 1, *layer["stride"])
            if kind == "max-pool":
                a = lax.reduce_window(a, -jnp.inf, lax.max, window, stride, "VALID")
            else:
                a = lax.reduce_window(a, 0.0, lax.add, window, stride, "VALID") / np.prod(layer["window"])
        else:
            w, b = params[l]
            if kind == "dense":
                z = a @ w.T + b
            else:
                (ph, pw) = layer["padding"]
                z = lax.conv_general_dilated(a, w, window_strides=tuple(layer["stride"]), padding=[(ph, ph), (pw, pw)],
                                             dimension_numbers=("NCHW", "OIHW", "NCHW")) + b[None, :, None, None]
            out.append(z.reshape(-1))
            name = activations[l]
            a = jnp.maximum(z, 0.0) if name == "relu" else jnp.tanh(z) if name == "tanh" else z
            l += 1
    return out


def jacobian_spectra(layers, input_shape, activations, weights, biases, inputs):
    """spectra[l][i]: the singular values (descending) of ∂z_l/∂x at inputs[i], float64."""
    with jax.enable_x64(True):
        params = [(jnp.asarray(np.asarray(w, np.float64)), jnp.asarray(np.asarray(b, np.float64)))
                  for w, b in zip(weights, biases)]
        jacobians = jax.vmap(jax.jacfwd(lambda x: _forward(layers, input_shape, activations, params, x)))
        return [list(np.linalg.svd(np.asarray(j), compute_uv=False)) for j in jacobians(jnp.asarray(inputs, jnp.float64))]


def outputs(layers, input_shape, activations, weights, biases, inputs):
    """Each dense or conv2d layer's output σ(z_l) at every input, float64 [N, n_{l+1}]."""
    with jax.enable_x64(True):
        params = [(jnp.asarray(np.asarray(w, np.float64)), jnp.asarray(np.asarray(b, np.float64)))
                  for w, b in zip(weights, biases)]
        z = jax.vmap(lambda x: _forward(layers, input_shape, activations, params, x))(jnp.asarray(inputs, jnp.float64))
        return [np.asarray(jnp.maximum(zl, 0.0) if name == "relu" else jnp.tanh(zl) if name == "tanh" else zl)
                for zl, name in zip(z, activations)]


def operator_singular_values(layers, input_shape, weights, layer):
    """The singular values of weighted layer `layer`'s own linear map (no bias, no activation)
    on the shape it reads, from the Jacobian of that map alone."""
    with jax.enable_x64(True):
        shape, l = tuple(input_shape), 0
        for spec in layers:
            kind = spec["kind"]
            if kind in ("dense", "conv2d") and l == layer:
                w = jnp.asarray(np.asarray(weights[l], np.float64))
                if kind == "dense":
                    matrix = np.asarray(w)
                else:
                    (ph, pw) = spec["padding"]
                    conv = lambda x: lax.conv_general_dilated(  # noqa: E731
                        x.reshape((1, *shape)), w, tuple(spec["stride"]), [(ph, ph), (pw, pw)],
                        dimension_numbers=("NCHW", "OIHW", "NCHW")).reshape(-1)
                    matrix = np.asarray(jax.jacfwd(conv)(jnp.zeros(int(np.prod(shape)))))
                return np.linalg.svd(matrix, compute_uv=False)
            shape = _next_shape(spec, shape)
            l += kind in ("dense", "conv2d")
        raise ValueError(f"no weighted layer {layer}")


def _next_shape(spec, shape):
    c, h, w = shape
    kind = spec["kind"]
    if kind == "flatten":
        return (c * h * w, 1, 1)
    if kind == "dense":
        return (spec["out_features"], 1, 1)
    if kind == "conv2d":
        (kh, kw), (sh, sw), (ph, pw) = spec["kernel_size"], spec["stride"], spec["padding"]
        return (spec["out_channels"], (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1)
    (kh, kw), (sh, sw) = spec["window"], spec["stride"]
    return (c, (h - kh) // sh + 1, (w - kw) // sw + 1)
