from dlref.models import dcgan_discriminator, dcgan_generator

generator = dcgan_generator(latent_dim=16)  # widths (32, 16): 2×2×32 -> 4×4×16 -> 8×8×1
discriminator = dcgan_discriminator()  # widths (16, 32): 8×8×1 -> 4×4×16 -> 2×2×32 -> 1
for model in (generator, discriminator):
    print(f"{model.name}: {model.count_params()} parameters")
    for layer in model.layers[1:]:
        shape = "×".join(str(n) for n in layer.output.shape[1:])
        print(f"  {layer.name:<19} {shape:>7} {layer.count_params():6d}")

# The same counts by formula: kernel 4×4, no bias before a batch norm (4 numbers per channel:
# scale and shift, trained, and the moving mean and variance, not trained)
k = 4 * 4
g = 16 * 2 * 2 * 32 + 4 * 32 + k * 32 * 16 + 4 * 16 + (k * 16 * 1 + 1)
d = (k * 1 * 16 + 16) + k * 16 * 32 + 4 * 32 + (2 * 2 * 32 + 1)
assert (generator.count_params(), discriminator.count_params()) == (g, d)
