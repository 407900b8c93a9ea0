"""/api/v1 for partner systems: keys per partner, the same services as the wholesale pages,
problem+json errors, an OpenAPI document generated from the code, signed webhooks."""
