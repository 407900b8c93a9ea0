"""Stock on hand and the ledger of every change to it."""
