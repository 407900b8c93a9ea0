"""The cooperative backend: staff manage their own products, stock and orders.

No models of its own: views call the catalogue, inventory and orders services, always with
the current cooperative (shop.accounts.access.current_cooperative) as the scope.
"""
