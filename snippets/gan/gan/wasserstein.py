import numpy as np
from scipy.stats import wasserstein_distance


def jsd(p, q):
    """Jensen-Shannon divergence of two discrete distributions, with 0 log 0 = 0."""
    m = 0.5 * (p + q)
    return sum(0.5 * np.sum(r[r > 0] * np.log(r[r > 0] / m[r > 0])) for r in (p, q))


def critic(x):
    """A 1-Lipschitz critic: |f(a) - f(b)| <= |a - b| for all a, b."""
    return -x


# The data: all mass at 0. The generator: all mass at theta.
print("theta    W1     JSD   E_data[f] - E_g[f], f(x) = -x")
for theta in (0.0, 0.5, 1.0, 2.0, 4.0):
    support = np.unique([0.0, theta])
    p = (support == 0.0).astype(float)
    q = (support == theta).astype(float)
    w1 = wasserstein_distance(support, support, p, q)
    gap = critic(0.0) - critic(theta)  # this critic reaches the supremum, W1
    print(f"{theta:5.1f} {w1:6.2f} {jsd(p, q):7.4f} {gap:10.2f}")
    assert abs(w1 - theta) < 1e-12 and abs(gap - w1) < 1e-12
    assert theta == 0.0 or abs(jsd(p, q) - np.log(2)) < 1e-12
print(f"log 2 = {np.log(2):.4f}")
