# a test for a condition that 1% of people have
prior = 0.01  # P(ill)
sensitivity = 0.99  # P(positive | ill), a likelihood
false_positive = 0.05  # P(positive | healthy), a likelihood
evidence = sensitivity * prior + false_positive * (1 - prior)  # P(positive)
posterior = sensitivity * prior / evidence  # P(ill | positive)
print(f"P(positive) = {evidence:.4f}, P(ill | positive) = {posterior:.3f}")
