"""Instagram through Facebook Login for Business: Page-linked accounts, many per consent."""
