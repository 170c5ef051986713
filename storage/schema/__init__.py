"""One migration set per area of the schema, each owned by the module that uses its tables."""
