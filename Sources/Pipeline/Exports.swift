// The pipeline's callers (the CLI, tests) see the core types through it.
@_exported import VietdocCore
