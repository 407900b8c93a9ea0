"""Orders: what the buyer pays once, split into one SellerOrder per cooperative."""
