"""The Settings pages other than Integrations."""
