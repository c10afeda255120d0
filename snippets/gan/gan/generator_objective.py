import numpy as np


def kl(p, q):
    return np.sum(p * np.log(p / q))


def jsd(p, q):
    m = 0.5 * (p + q)
    return 0.5 * kl(p, m) + 0.5 * kl(q, m)


def softmax(theta):
    e = np.exp(theta - theta.max())
    return e / e.sum()


def gradient(f, theta, h=1e-6):
    """Central differences, one parameter at a time."""
    steps = np.eye(len(theta)) * h
    return np.array([(f(theta + s) - f(theta - s)) / (2 * h) for s in steps])


def check(p_data, theta0):
    """The identity and the gradients for p_g = softmax(theta0), D* held at this generator."""
    p_g = softmax(theta0)
    d_star = p_data / (p_data + p_g)
    loss = -np.sum(p_g * np.log(d_star))  # the non-saturating loss against D*
    divergence = kl(p_g, p_data) - 2 * jsd(p_data, p_g)
    identity = divergence + 2 * np.log(2) + np.sum(p_data * np.log(d_star))
    assert abs(loss - identity) < 1e-12
    assert abs(divergence - 2 * kl(0.5 * (p_data + p_g), p_data)) < 1e-12  # = 2 KL(m || p_data)
    grads = {
        "E_g[-log D*], D* fixed": gradient(lambda t: -np.sum(softmax(t) * np.log(d_star)), theta0),
        "KL - 2 JSD": gradient(
            lambda t: kl(softmax(t), p_data) - 2 * jsd(p_data, softmax(t)), theta0
        ),
        "JSD": gradient(lambda t: jsd(p_data, softmax(t)), theta0),
    }
    fixed, follows, alone = grads.values()
    assert np.allclose(fixed, follows, atol=1e-6)  # the gradient the generator follows ...
    assert np.max(np.abs(fixed - alone)) > 0.01  # ... is not the gradient of the JSD
    return loss, identity, grads


# Two distributions on six points, the generator's a softmax of six parameters theta;
# five random pairs are checked, the first is printed.
rng = np.random.default_rng(0)
for trial in range(5):
    loss, identity, grads = check(rng.dirichlet(np.ones(6)), rng.normal(size=6))
    if trial == 0:
        print(f"E_g[-log D*]                                   = {loss:.4f}")
        print(f"KL(p_g||p_data) - 2 JSD + 2 log 2 + E_data[log D*] = {identity:.4f}")
        for name, g in grads.items():
            print(f"gradient of {name + ':':<23}", np.round(g, 3))

# What the JSD and KL(p_g || p_data) - 2 JSD charge on the page's two-mode data, on a grid.
x = np.linspace(-10.0, 10.0, 20001)
dx = x[1] - x[0]


def normal(mean, std):
    return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * np.sqrt(2 * np.pi)) * dx


data = 0.5 * normal(-2.0, 0.5) + 0.5 * normal(2.0, 0.5)
assert abs(np.sqrt(2.0**2 + 0.5**2) - 2.06) < 0.005  # the data's mean is 0, its std 2.06
generators = {"one mode, N(2, 0.5^2)": normal(2.0, 0.5), "both, N(0, 2.06^2)": normal(0.0, 2.06)}
print("generator               KL(g||data)  KL(data||g)    JSD  KL(g||data) - 2 JSD")
rows = {}
for name, g in generators.items():
    rows[name] = kl(g, data), kl(data, g), jsd(data, g), kl(g, data) - 2 * jsd(data, g)
    print("{:<23} {:11.2f} {:12.2f} {:6.3f} {:20.2f}".format(name, *rows[name]))
one, broad = rows.values()
assert abs(one[0] - np.log(2)) < 1e-3  # the missing mode costs log 2 in KL(g || data)
assert abs(one[2] - broad[2]) < 0.05  # the JSD: nearly a tie
assert one[3] < broad[3] - 0.5  # what the non-saturating loss follows: dropping a mode is cheap
