# Published sizes: parameters N and training tokens D, as the cited papers report them.
published = {
    "GPT-3 (Brown et al., 2020)": (175e9, 300e9),
    "Gopher (Rae et al., 2021)": (280e9, 300e9),
    "Chinchilla (Hoffmann et al., 2022)": (70e9, 1.4e12),
    "LLaMA-7B (Touvron et al., 2023)": (6.7e9, 1.0e12),
}
for name, (n, d) in published.items():
    # C = 6ND: about 6 floating-point operations per parameter and training token
    print(f"{name:<35} {d / n:6.1f} tokens per parameter, C = 6ND = {6 * n * d:.1e} FLOPs")

# Training with Adam in float32 keeps 4 numbers per parameter: weight, gradient, two moments.
for name, n in [("GPT-2 small configuration", 124_439_808), ("GPT-3", 175e9)]:
    print(f"{name}: {16 * n / 1e9:,.0f} GB for weights, gradients and Adam's moments")
