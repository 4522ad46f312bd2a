"""Socialdesk: a desktop application for social media managers."""

__version__ = "0.1.0"
APP_NAME = "Socialdesk"
APP_ID = "io.socialdesk.Socialdesk"
