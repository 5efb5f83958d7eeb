"""Document generators for the parity test, one module per format (tests/test_parity_generated.py)."""
