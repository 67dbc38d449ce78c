"""Rendered, immutable documents: the Appendix A–E forms, orders and notices (DESIGN §2)."""
