"""The shopping cart: kept in the database, keyed by a signed cookie for guests or by the user."""
