"""The tests' 'browser': the sandbox user that fills the consent form over HTTP."""

from desktop.core.sandbox.user import ConsentBot, ConsentForm, ConsentOutcome, parse_consent_form

__all__ = ["ConsentBot", "ConsentForm", "ConsentOutcome", "parse_consent_form"]
