r"""A small decoder-only (causal) Transformer built from Keras layers.

Tokens are embedded and a learned position vector is added, $\mathbf{z}_t = E_{x_t} + P_t$.
Each block then applies multi-head self-attention and a position-wise feed-forward network
$\operatorname{FFN}(\mathbf{z}) = f(\mathbf{z} W_1 + \mathbf{b}_1) W_2 + \mathbf{b}_2$, each on a
residual connection; with ``pre_norm=True`` (the GPT-2 layout) the layer normalisation comes
first,

$$
\mathbf{z}' = \mathbf{z} + \operatorname{MHA}(\operatorname{LN}(\mathbf{z})), \qquad
\mathbf{z}'' = \mathbf{z}' + \operatorname{FFN}(\operatorname{LN}(\mathbf{z}')),
$$

and with ``pre_norm=False`` (the original layout) after each sum. With a causal mask the output
at position $t$ depends only on the tokens $x_0, \dots, x_t$ (positions count from 0). Layer
normalisations use $\epsilon = 10^{-5}$ (as GPT-2; Keras' default is $10^{-3}$).

With vocabulary size $V$, sequence length $n$, width $d$, $h$ heads of width $d_k$,
feed-forward width $d_{\text{ff}}$ and $L$ blocks, the model has
$(V + n)\,d + L\,(4 d h d_k + 3 h d_k + d + 2 d\,d_{\text{ff}} + d_{\text{ff}} + d + 4d)
+ 2d + dV + V$ parameters: the embeddings; per block the query, key, value and output
projections, the feed-forward network and two layer normalisations; a final layer normalisation
($2d$, pre-norm only); the output layer. With $d_k = d/h$ the attention term is $4(d^2 + d)$.
"""

from __future__ import annotations

from typing import Any

import keras

from dlref._validate import check_bool, check_int
from dlref.models._common import check_activation, check_rate


def _check_sequence_tensor(x: Any, name: str = "x") -> int:
    """Return the feature width of a 3-D ``(batch, timesteps, features)`` tensor ``x``."""
    shape = getattr(x, "shape", None)
    if shape is None or len(shape) != 3:
        raise ValueError(
            f"{name} must be a 3-D (batch, timesteps, features) tensor; "
            f"got shape {None if shape is None else tuple(shape)}"
        )
    if shape[-1] is None:
        raise ValueError(f"{name} must have a known number of features; got shape {tuple(shape)}")
    return int(shape[-1])


@keras.saving.register_keras_serializable(package="dlref")
class TokenAndPositionEmbedding(keras.layers.Layer):
    r"""Token embedding plus a learned position embedding, $E_{x_t} + P_t$.

    Maps integer tokens of shape ``(batch, timesteps)`` to vectors of shape
    ``(batch, timesteps, d_model)``; ``timesteps`` may be at most ``seq_len``. It has
    $V d$ token and $n d$ position parameters (only $V d$ with ``positions=False``).

    Args:
        vocab_size: number of token ids $V$ (tokens are ``0 .. vocab_size - 1``).
        seq_len: longest sequence $n$ the position table covers.
        d_model: embedding width $d$.
        positions: add the position embedding; ``False`` keeps only the token embedding, so the
            layer (and attention after it) cannot tell positions apart.
    """

    def __init__(
        self,
        vocab_size: int,
        seq_len: int,
        d_model: int,
        *,
        positions: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.vocab_size = check_int(vocab_size, "vocab_size", minimum=1)
        self.seq_len = check_int(seq_len, "seq_len", minimum=1)
        self.d_model = check_int(d_model, "d_model", minimum=1)
        self.positions = check_bool(positions, "positions")
        self.token_embedding = keras.layers.Embedding(
            self.vocab_size, self.d_model, name="token_embedding"
        )
        self.position_embedding = (
            keras.layers.Embedding(self.seq_len, self.d_model, name="position_embedding")
            if self.positions
            else None
        )

    def build(self, input_shape: tuple[int | None, ...]) -> None:
        self.token_embedding.build(input_shape)
        if self.position_embedding is not None:
            self.position_embedding.build((self.seq_len,))

    def call(self, tokens: Any) -> Any:
        steps = tokens.shape[-1]
        if steps is not None and steps > self.seq_len:
            raise ValueError(
                f"tokens have {steps} timesteps but seq_len={self.seq_len}; build the layer with "
                f"seq_len >= {steps}"
            )
        x = self.token_embedding(tokens)
        if self.position_embedding is None:
            return x
        index = keras.ops.arange(keras.ops.shape(tokens)[-1])
        return x + self.position_embedding(index)

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        return (*input_shape, self.d_model)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "vocab_size": self.vocab_size,
            "seq_len": self.seq_len,
            "d_model": self.d_model,
            "positions": self.positions,
        }


def transformer_block(
    x: Any,
    num_heads: int,
    key_dim: int,
    ff_dim: int,
    *,
    causal: bool,
    pre_norm: bool = True,
    dropout: float = 0.0,
    activation: str = "gelu",
    return_attention_scores: bool = False,
    name: str | None = None,
) -> Any:
    r"""One Transformer block (self-attention and feed-forward network) applied to ``x``.

    Functional-API building block: ``x`` is a ``(batch, timesteps, d_model)`` Keras tensor and
    the result has the same shape. The attention is `keras.layers.MultiHeadAttention` with
    ``num_heads`` heads of size ``key_dim``; the feed-forward network is
    ``Dense(ff_dim, activation)`` then ``Dense(d_model)``.

    Args:
        x: input tensor of shape ``(batch, timesteps, d_model)``.
        num_heads: number of attention heads $h$.
        key_dim: width $d_k$ of each head's queries and keys (and values).
        ff_dim: width $d_{\text{ff}}$ of the feed-forward hidden layer.
        causal: mask attention to later positions (``use_causal_mask=True``), so the output at
            position $t$ sees only positions $\le t$; required for a language model.
        pre_norm: layer normalisation before attention and feed-forward network (``True``) or
            after each residual sum (``False``).
        dropout: rate for the attention weights and for both branches before their residual
            sum, in ``[0, 1)``.
        activation: activation of the feed-forward hidden layer.
        return_attention_scores: also return the attention weights, shape
            ``(batch, num_heads, timesteps, timesteps)`` (rows: queries, columns: keys).
        name: prefix for the layer names (``None``: Keras' automatic names).

    Returns:
        The block's output, or ``(output, attention_weights)`` with
        ``return_attention_scores=True``.
    """
    d_model = _check_sequence_tensor(x)
    num_heads = check_int(num_heads, "num_heads", minimum=1)
    key_dim = check_int(key_dim, "key_dim", minimum=1)
    ff_dim = check_int(ff_dim, "ff_dim", minimum=1)
    causal = check_bool(causal, "causal")
    pre_norm = check_bool(pre_norm, "pre_norm")
    dropout = check_rate(dropout, "dropout")
    activation = check_activation(activation, "activation")
    return_attention_scores = check_bool(return_attention_scores, "return_attention_scores")
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a str or None; got {type(name).__name__}")

    def layer_name(part: str) -> str | None:
        return None if name is None else f"{name}_{part}"

    def branch_dropout(y: Any, part: str) -> Any:
        return keras.layers.Dropout(dropout, name=layer_name(part))(y) if dropout > 0 else y

    attention = keras.layers.MultiHeadAttention(
        num_heads, key_dim, dropout=dropout, name=layer_name("attention")
    )
    norm1 = keras.layers.LayerNormalization(epsilon=1e-5, name=layer_name("norm1"))
    norm2 = keras.layers.LayerNormalization(epsilon=1e-5, name=layer_name("norm2"))
    ff_hidden = keras.layers.Dense(ff_dim, activation=activation, name=layer_name("ff1"))
    ff_out = keras.layers.Dense(d_model, name=layer_name("ff2"))

    query = norm1(x) if pre_norm else x
    # always ask for the weights: Keras then takes its explicit softmax path (not a fused
    # kernel), so a model built with and one built without return_attention_scores compute
    # the same numbers from the same weights
    attended, scores = attention(query, query, use_causal_mask=causal, return_attention_scores=True)
    h = keras.layers.Add(name=layer_name("add1"))([x, branch_dropout(attended, "dropout1")])
    if not pre_norm:
        h = norm1(h)
    inner = norm2(h) if pre_norm else h
    ff = branch_dropout(ff_out(ff_hidden(inner)), "dropout2")
    out = keras.layers.Add(name=layer_name("add2"))([h, ff])
    if not pre_norm:
        out = norm2(out)
    return (out, scores) if return_attention_scores else out


def decoder_only_transformer(
    vocab_size: int,
    seq_len: int,
    d_model: int = 64,
    num_heads: int = 4,
    ff_dim: int = 128,
    num_layers: int = 2,
    *,
    key_dim: int | None = None,
    causal: bool = True,
    pre_norm: bool = True,
    dropout: float = 0.0,
    activation: str = "gelu",
    positions: bool = True,
    return_attention_scores: bool = False,
) -> keras.Model:
    r"""A decoder-only Transformer: tokens ``(batch, seq_len)`` to logits ``(batch, seq_len, V)``.

    `TokenAndPositionEmbedding`, ``num_layers`` blocks of `transformer_block`, a final layer
    normalisation (pre-norm only) and a ``Dense(vocab_size)`` layer that gives next-token logits
    at every position (no softmax: use a loss with ``from_logits=True``). For a task with one
    answer per sequence, read the logits at the last position, ``model.output[:, -1]``.

    Args:
        vocab_size: number of token ids $V$, also the number of output logits.
        seq_len: sequence length $n$ of the input.
        d_model: width $d$ of the embeddings and of every block.
        num_heads: attention heads per block.
        ff_dim: feed-forward hidden width.
        num_layers: number of blocks $L$.
        key_dim: size of each head; ``None`` uses ``d_model // num_heads`` (then ``d_model``
            must be divisible by ``num_heads``).
        causal: use the causal mask (``False`` only to compare with a model that sees the
            future: it is then no longer a decoder).
        pre_norm: layer norm before each sublayer (as in `transformer_block`).
        dropout: dropout rate inside each block (as in `transformer_block`).
        activation: the feed-forward activation (as in `transformer_block`).
        positions: add learned position embeddings (``False`` to show what attention without
            positional information cannot do).
        return_attention_scores: the model outputs ``[logits, weights_block_0, ...]``, each
            weight tensor of shape ``(batch, num_heads, seq_len, seq_len)``. Build a second model
            with this set and copy the trained weights into it with ``set_weights``.
    """
    vocab_size = check_int(vocab_size, "vocab_size", minimum=2)
    seq_len = check_int(seq_len, "seq_len", minimum=1)
    d_model = check_int(d_model, "d_model", minimum=1)
    num_heads = check_int(num_heads, "num_heads", minimum=1)
    ff_dim = check_int(ff_dim, "ff_dim", minimum=1)
    num_layers = check_int(num_layers, "num_layers", minimum=1)
    if key_dim is None:
        if d_model % num_heads:
            raise ValueError(
                f"d_model must be divisible by num_heads when key_dim is None; got "
                f"d_model={d_model}, num_heads={num_heads} (pass key_dim explicitly)"
            )
        key_dim = d_model // num_heads
    key_dim = check_int(key_dim, "key_dim", minimum=1)
    causal = check_bool(causal, "causal")
    pre_norm = check_bool(pre_norm, "pre_norm")
    dropout = check_rate(dropout, "dropout")
    activation = check_activation(activation, "activation")
    positions = check_bool(positions, "positions")
    return_attention_scores = check_bool(return_attention_scores, "return_attention_scores")

    tokens = keras.Input(shape=(seq_len,), dtype="int32", name="tokens")
    x = TokenAndPositionEmbedding(
        vocab_size, seq_len, d_model, positions=positions, name="embedding"
    )(tokens)
    all_scores = []
    for i in range(num_layers):
        x, scores = transformer_block(
            x,
            num_heads,
            key_dim,
            ff_dim,
            causal=causal,
            pre_norm=pre_norm,
            dropout=dropout,
            activation=activation,
            return_attention_scores=True,
            name=f"block_{i}",
        )
        all_scores.append(scores)
    if pre_norm:
        x = keras.layers.LayerNormalization(epsilon=1e-5, name="final_norm")(x)
    logits = keras.layers.Dense(vocab_size, name="logits")(x)
    outputs = [logits, *all_scores] if return_attention_scores else logits
    return keras.Model(tokens, outputs, name="decoder_only_transformer")


__all__ = ["TokenAndPositionEmbedding", "decoder_only_transformer", "transformer_block"]
