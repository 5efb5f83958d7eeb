"""faasguard: checks for AWS serverless risks (after the CSA serverless top-12) for Checkov and OPA."""
__version__ = "0.1.0"
