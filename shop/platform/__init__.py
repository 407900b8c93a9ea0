"""The operator's side: cooperatives, staff invitations, the audit log and programme reports."""
