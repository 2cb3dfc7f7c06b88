"""Click commands beyond the core ones; each module exposes ``commands``."""
