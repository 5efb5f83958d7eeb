"""Hypothesis strategies for the property-based tests, one module per format: documents of the
shapes each format allows, with unknowns and intrinsics in every position a rule reads."""
