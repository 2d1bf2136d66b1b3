"""Pure rules and value types. Imports nothing but the standard library."""
