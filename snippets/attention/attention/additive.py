import keras
import numpy as np

from dlref.math import additive_attention

rng = np.random.default_rng(0)
d_s, d_h, units, S = 6, 8, 4, 5
s = rng.normal(size=(1, 1, d_s)).astype("float32")  # decoder state: the query
h = rng.normal(size=(1, S, d_h)).astype("float32")  # encoder states: keys and values
W_q = rng.normal(scale=0.5, size=(d_s, units)).astype("float32")
W_k = rng.normal(scale=0.5, size=(d_h, units)).astype("float32")
v = rng.normal(size=units).astype("float32")

context, weights = additive_attention(s, h, h, W_q, W_k, v)
print("weights over the 5 encoder states:", np.round(weights[0, 0], 3))

# Keras' AdditiveAttention has no W_q, W_k: it scores sum(scale * tanh(q + k)).
# Project the query and the keys first; its `scale` vector is then Bahdanau's v.
layer = keras.layers.AdditiveAttention()
inputs = [s @ W_q, h, h @ W_k]  # query, value, key
layer(inputs)
layer.set_weights([v])
keras_context, keras_weights = layer(inputs, return_attention_scores=True)
error = max(
    np.abs(context - keras.ops.convert_to_numpy(keras_context)).max(),
    np.abs(weights - keras.ops.convert_to_numpy(keras_weights)).max(),
)
print("max |numpy - keras| < 1e-5:", error < 1e-5)
