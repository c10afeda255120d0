import numpy as np


def kl(p, q):
    return np.sum(p * np.log(p / q))


def jsd(p, q):
    m = 0.5 * (p + q)
    return 0.5 * kl(p, m) + 0.5 * kl(q, m)


def softmax(theta):
    e = np.exp(theta - theta.max())
    return e / e.sum()


# Two distributions on six points; the generator's is a softmax of its parameters theta.
rng = np.random.default_rng(0)
p_data = rng.dirichlet(np.ones(6))
theta0 = rng.normal(size=6)
p_g = softmax(theta0)
d_star = p_data / (p_data + p_g)

loss = -np.sum(p_g * np.log(d_star))  # the non-saturating loss against D*
identity = kl(p_g, p_data) - 2 * jsd(p_data, p_g) + 2 * np.log(2) + np.sum(p_data * np.log(d_star))
print(f"E_g[-log D*]                                   = {loss:.4f}")
print(f"KL(p_g||p_data) - 2 JSD + 2 log 2 + E_data[log D*] = {identity:.4f}")
assert abs(loss - identity) < 1e-12


def gradient(f, theta, h=1e-6):
    """Central differences, one parameter at a time."""
    steps = np.eye(len(theta)) * h
    return np.array([(f(theta + s) - f(theta - s)) / (2 * h) for s in steps])


# The generator's gradient holds D* fixed at the current generator ...
grad_loss = gradient(lambda t: -np.sum(softmax(t) * np.log(d_star)), theta0)
# ... and equals the gradient of KL(p_g || p_data) - 2 JSD(p_data || p_g).
grad_divergence = gradient(lambda t: kl(softmax(t), p_data) - 2 * jsd(p_data, softmax(t)), theta0)
print("gradient of E_g[-log D*], D* fixed:", np.round(grad_loss, 3))
print("gradient of KL - 2 JSD:            ", np.round(grad_divergence, 3))
assert np.allclose(grad_loss, grad_divergence, atol=1e-6)

# What KL(p_g || p_data) - 2 JSD charges on the page's two-mode data, on a grid.
x = np.linspace(-10.0, 10.0, 20001)
dx = x[1] - x[0]


def normal(mean, std):
    return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * np.sqrt(2 * np.pi)) * dx


data = 0.5 * normal(-2.0, 0.5) + 0.5 * normal(2.0, 0.5)
generators = {"one mode, N(2, 0.5^2)": normal(2.0, 0.5), "both, N(0, 2.06^2)": normal(0.0, 2.06)}
print("generator               KL(g||data)  KL(data||g)  KL(g||data) - 2 JSD")
follows = {}
for name, g in generators.items():
    follows[name] = kl(g, data) - 2 * jsd(data, g)
    print(f"{name:<23} {kl(g, data):11.2f} {kl(data, g):12.2f} {follows[name]:20.2f}")
one, broad = follows.values()
assert one < broad - 0.5  # dropping a mode costs the non-saturating generator less
assert abs(kl(generators["one mode, N(2, 0.5^2)"], data) - np.log(2)) < 1e-3
