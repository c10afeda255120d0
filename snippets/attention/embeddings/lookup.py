import keras
import numpy as np

from dlref.data import load_text_corpus, word_vocabulary

keras.utils.set_random_seed(0)
vocab = word_vocabulary(load_text_corpus())
ids = vocab.encode("the network learns from examples")
print("ids:", ids)

layer = keras.layers.Embedding(input_dim=len(vocab), output_dim=16)
vectors = keras.ops.convert_to_numpy(layer(ids[None]))[0]  # (5, 16): one row per word
table = keras.ops.convert_to_numpy(layer.embeddings)  # the matrix W, (len(vocab), 16)
one_hot = np.eye(len(vocab), dtype=np.float32)[ids]  # (5, len(vocab))
print("output shape:", vectors.shape, "| W shape:", table.shape)
from_rows = np.max(np.abs(vectors - table[ids])) < 1e-6
from_one_hot = np.max(np.abs(vectors - one_hot @ table)) < 1e-6
print("max |lookup - W[ids]| < 1e-6:", from_rows)
print("max |lookup - one_hot @ W| < 1e-6:", from_one_hot)
print(f"parameters: {layer.count_params():,} = {len(vocab)} x 16")
print(f"for 50,000 words and 768 dimensions: {50_000 * 768:,}")
assert from_rows and from_one_hot and layer.count_params() == len(vocab) * 16
