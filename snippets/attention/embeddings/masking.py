import keras
import numpy as np

from dlref.data import load_text_corpus, word_vocabulary

keras.utils.set_random_seed(0)
vocab = word_vocabulary(load_text_corpus())
sentences = ["A model learns.", "The network learns from examples.", "Data"]
ids = keras.utils.pad_sequences([vocab.encode(s) for s in sentences], padding="post")
print(ids)  # id 0 fills the short sentences up to the longest

embedding = keras.layers.Embedding(len(vocab), 8, mask_zero=True)
vectors = embedding(ids)  # (3, 5, 8)
mask = embedding.compute_mask(ids)  # True where a real token is
print(keras.ops.convert_to_numpy(mask))

# Mean over the real tokens only: zero the padded positions, divide by the number of real ones.
weights = keras.ops.cast(mask, "float32")[:, :, None]
masked_mean = keras.ops.sum(vectors * weights, axis=1) / keras.ops.sum(weights, axis=1)
keras_mean = keras.layers.GlobalAveragePooling1D()(vectors, mask=mask)
plain_mean = keras.ops.mean(vectors, axis=1)  # pads included
alone = np.stack(
    [
        keras.ops.convert_to_numpy(embedding(vocab.encode(s)[None]))[0].mean(axis=0)
        for s in sentences
    ]
)  # each sentence embedded on its own, without padding
masked_mean, keras_mean, plain_mean = (
    keras.ops.convert_to_numpy(m) for m in (masked_mean, keras_mean, plain_mean)
)
print("masked mean = mean of each sentence alone:", np.allclose(masked_mean, alone, atol=1e-6))
print("GlobalAveragePooling1D with the mask agrees:", np.allclose(keras_mean, alone, atol=1e-6))
print("plain mean (pads included) agrees:", np.allclose(plain_mean, alone, atol=1e-6))
assert np.allclose(masked_mean, alone, atol=1e-6) and np.allclose(keras_mean, alone, atol=1e-6)
assert not np.allclose(plain_mean, alone, atol=1e-6)
