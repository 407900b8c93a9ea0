"""Partner shops in Kawthaung and their wholesale accounts."""
