import numpy as np

x = np.random.default_rng(0).normal(size=50)


def log_likelihood(s):
    """1-D mixture: half N(mean(x), var(x)), half N(x_0, s^2) sitting on the first point."""

    def log_normal(mean, var):
        return -((x - mean) ** 2) / (2 * var) - 0.5 * np.log(2 * np.pi * var)

    both = np.column_stack([log_normal(x.mean(), x.var()), log_normal(x[0], s**2)])
    return (np.log(0.5) + np.logaddexp(both[:, 0], both[:, 1])).sum()


for s in [1.0, 1e-5, 1e-50, 1e-150]:
    print(f"s = {s:g}: log p(X) = {log_likelihood(s):.1f}")
