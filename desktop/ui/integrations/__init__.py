"""Settings → Integrations: the Instagram card and everything around connecting accounts."""
