"""The pages of the left navigation, one module each."""
