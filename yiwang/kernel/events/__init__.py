"""Domain events, delivered after the transaction that produced them commits."""
