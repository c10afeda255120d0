import numpy as np


def normal_pdf(x, mean, std):
    return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * np.sqrt(2 * np.pi))


x = np.linspace(-8.0, 8.0, 16001)  # a fine grid: integrals become sums
dx = x[1] - x[0]
p_data = 0.5 * normal_pdf(x, -2.0, 0.5) + 0.5 * normal_pdf(x, 2.0, 0.5)
p_g = normal_pdf(x, 0.5, 1.5)  # a generator that has not learned the data yet


def value(d, p_g):
    """V(D, G) = E_data[log D(x)] + E_g[log(1 - D(x))], as sums over the grid."""
    return np.sum(p_data * np.log(d) + p_g * np.log(1.0 - d)) * dx


def jsd(p, q):
    m = 0.5 * (p + q)
    return 0.5 * np.sum(p * np.log(p / m)) * dx + 0.5 * np.sum(q * np.log(q / m)) * dx


d_star = p_data / (p_data + p_g)
print(f"V(D*, G)         = {value(d_star, p_g):.4f}")
print(f"-log 4 + 2 JSD   = {-np.log(4.0) + 2.0 * jsd(p_data, p_g):.4f}")
rng = np.random.default_rng(0)
for _ in range(3):  # any other discriminator scores lower
    other = np.clip(d_star + rng.normal(0.0, 0.05, x.shape), 1e-6, 1 - 1e-6)
    print(f"V(D* + noise, G) = {value(other, p_g):.4f}")

# When the generator matches the data, D* = 1/2 everywhere and V = -log 4.
d_half = p_data / (p_data + p_data)
print(
    f"p_g = p_data: D* in [{d_half.min():.2f}, {d_half.max():.2f}], "
    f"V = {value(d_half, p_data):.4f}, -log 4 = {-np.log(4.0):.4f}"
)
