"""Typed, normalised fields per document type: rules first, LLM fallback optional."""
