"""Prices the server computes: retail, shipping by parcel weight, VAT."""
