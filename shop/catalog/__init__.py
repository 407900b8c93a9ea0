"""The public catalogue: cooperatives, categories, products, variants and their images."""
