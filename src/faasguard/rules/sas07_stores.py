"""Placeholder: rules of this group are being written."""
