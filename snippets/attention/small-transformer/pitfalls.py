import keras
import numpy as np

from dlref.models import decoder_only_transformer

keras.config.set_floatx("float64")
rng = np.random.default_rng(0)
tokens = rng.integers(0, 17, size=(8, 64)).astype("int32")


def outputs(model, x):
    return keras.ops.convert_to_numpy(model(x))


# 1. Without the causal mask, earlier positions see the last token
last_changed = tokens.copy()
last_changed[:, -1] = (last_changed[:, -1] + 1) % 17  # only the last token differs
sees_the_future = {}
for causal in (True, False):
    keras.utils.set_random_seed(0)
    model = decoder_only_transformer(17, 64, 16, 2, 32, 1, causal=causal)
    moved = np.abs(outputs(model, tokens) - outputs(model, last_changed))[:, :-1].max()
    sees_the_future[causal] = moved > 1e-9
    print(f"causal={causal!s:<5}  outputs at positions 0-62 depend on token 63: {moved > 1e-9}")
assert sees_the_future == {True: False, False: True}

# 2. Without positions (and without the mask), attention cannot tell the order
order = rng.permutation(64)
only_permuted = {}
for positions, causal in ((True, False), (False, False), (False, True)):
    keras.utils.set_random_seed(0)
    model = decoder_only_transformer(17, 64, 16, 2, 32, 1, causal=causal, positions=positions)
    permuted = outputs(model, tokens[:, order])
    same = np.allclose(permuted, outputs(model, tokens)[:, order], rtol=0, atol=1e-9)
    only_permuted[positions, causal] = same
    print(
        f"positions={positions!s:<5} causal={causal!s:<5}"
        f"  permuting the tokens only permutes the outputs: {same}"
    )
# only without positions and without the mask does the model see a set
assert only_permuted == {(True, False): False, (False, False): True, (False, True): False}
