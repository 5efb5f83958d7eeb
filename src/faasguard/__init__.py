"""faasguard: CSA serverless top-12 controls for Checkov and OPA."""
__version__ = "0.1.0"
