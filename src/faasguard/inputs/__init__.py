"""Find, recognise and parse the files faasguard scans into documents both engines read."""
