"""PII detection and masking for Turkey (KVKK), the EU (GDPR) and the US.

``catalog.CATALOG`` is the one table of types; ``step.detect_pii_record`` is the pure step
that ``transforms.pii.DetectPII`` wraps.
"""
