"""kzcn: China–Kazakhstan trade and relations, every number sourced."""

__version__ = "0.1.0"
