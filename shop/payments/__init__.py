"""Payments: Stripe Checkout (card, PromptPay) and bank transfer / PromptPay QR with a slip."""
