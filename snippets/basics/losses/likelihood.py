import numpy as np
from scipy import stats

from dlref.math.activations import softmax
from dlref.math.losses import binary_cross_entropy, categorical_cross_entropy, mae, mse

rng = np.random.default_rng(0)

# Regression: y = ŷ + noise. Gaussian noise (std s) gives MSE, Laplace noise (scale b) gives MAE.
y_hat = rng.normal(size=50)
y = y_hat + rng.normal(scale=0.5, size=50)
s = b = 0.5
gauss_nll = -np.mean(stats.norm.logpdf(y, loc=y_hat, scale=s))
laplace_nll = -np.mean(stats.laplace.logpdf(y, loc=y_hat, scale=b))
print(
    "Gaussian NLL == MSE/(2s²) + ½log(2πs²):",
    np.isclose(gauss_nll, mse(y, y_hat) / (2 * s**2) + 0.5 * np.log(2 * np.pi * s**2)),
)
print(
    "Laplace NLL  == MAE/b + log(2b):", np.isclose(laplace_nll, mae(y, y_hat) / b + np.log(2 * b))
)

# Binary classification: y ~ Bernoulli(p)
p = rng.uniform(0.05, 0.95, size=50)
t = rng.integers(0, 2, size=50)
print(
    "Bernoulli NLL == BCE:",
    np.isclose(-np.mean(stats.bernoulli.logpmf(t, p)), binary_cross_entropy(t, p)),
)

# K classes: y ~ Categorical(softmax(z))
logits = rng.normal(size=(50, 4))
labels = rng.integers(0, 4, size=50)
one_hot = np.eye(4)[labels]
nll = -np.mean(np.log(stats.multinomial.pmf(one_hot, n=1, p=softmax(logits))))
print(
    "Categorical NLL == CE:",
    np.isclose(nll, categorical_cross_entropy(labels, logits, from_logits=True)),
)
