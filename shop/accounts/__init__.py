"""Users, their roles and their memberships of cooperatives and partner shops."""
