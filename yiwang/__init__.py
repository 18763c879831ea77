"""Yiwang (一网): the platform package. `kernel` is shared by all; `modules` are the domain systems."""
