import numpy as np

# One dense layer z = x W with n_in = 400 inputs and n_out = 100 outputs, all entries independent.
rng = np.random.default_rng(0)
n_in, n_out, var_w, var_x = 400, 100, 0.01, 2.0
x = rng.normal(0.0, np.sqrt(var_x), size=(5000, n_in))
W = rng.normal(0.0, np.sqrt(var_w), size=(n_in, n_out))
z = x @ W
print(f"forward : Var(z)  = {z.var():.2f},  n_in  Var(w) Var(x)  = {n_in * var_w * var_x:.2f}")

# backward: dL/dx = dL/dz W^T sums over the n_out outputs
grad_z = rng.normal(0.0, 1.0, size=(5000, n_out))
grad_x = grad_z @ W.T
print(f"backward: Var(dx) = {grad_x.var():.2f},  n_out Var(w) Var(dz) = {n_out * var_w:.2f}")
assert abs(z.var() / (n_in * var_w * var_x) - 1) < 0.05
assert abs(grad_x.var() / (n_out * var_w) - 1) < 0.05
