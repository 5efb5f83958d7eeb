"""Report writers: each turns a ScanResult into text."""
